"""Standard ids as pycti computes them, for the compatibility suite.

Reads JSON cases on stdin, ``[{"name", "entityType", "data"}]`` with ``data`` keyed by OpenCTI
attribute names (refs already given as standard ids), and prints ``{name: id}``. SDOs, meta
objects, relationships and sightings use the static ``generate_id`` functions of pycti's entity
classes; observables use the STIX 2.1 objects connectors build with ``stix2`` (and pycti's custom
observable classes). A case pycti cannot compute deterministically gets ``null``.
"""

import inspect
import json
import sys

import pycti
import stix2
from pycti.utils import constants

LOCATION_TYPES = {"City", "Country", "Region", "Position", "Administrative-Area"}
IDENTITY_TYPES = {"Individual", "Organization", "Sector", "System", "SecurityPlatform"}
NAMED = {
    "Campaign": pycti.Campaign,
    "Channel": pycti.Channel,
    "Data-Component": pycti.DataComponent,
    "Data-Source": pycti.DataSource,
    "Event": pycti.Event,
    "Feedback": pycti.Feedback,
    "Infrastructure": pycti.Infrastructure,
    "Intrusion-Set": pycti.IntrusionSet,
    "Language": pycti.Language,
    "Malware": pycti.Malware,
    "Narrative": pycti.Narrative,
    "Threat-Actor-Group": pycti.ThreatActorGroup,
    "Threat-Actor-Individual": pycti.ThreatActorIndividual,
    "Tool": pycti.Tool,
    "Vulnerability": pycti.Vulnerability,
}
NAMED_WITH_CREATED = {
    "Incident": pycti.Incident,
    "Case-Incident": pycti.CaseIncident,
    "Case-Rfi": pycti.CaseRfi,
    "Case-Rft": pycti.CaseRft,
    "Task": pycti.Task,
}
VALUE_OBSERVABLES = {
    "Domain-Name": stix2.DomainName,
    "Email-Addr": stix2.EmailAddress,
    "IPv4-Addr": stix2.IPv4Address,
    "IPv6-Addr": stix2.IPv6Address,
    "Mac-Addr": stix2.MACAddress,
    "Url": stix2.URL,
    "Hostname": constants.CustomObservableHostname,
    "Text": constants.CustomObservableText,
    "User-Agent": constants.CustomObservableUserAgent,
    "Cryptographic-Key": constants.CustomObservableCryptographicKey,
    "Cryptocurrency-Wallet": constants.CustomObservableCryptocurrencyWallet,
    "Phone-Number": constants.CustomObservablePhoneNumber,
    "Credential": constants.CustomObservableCredential,
    "Tracking-Number": constants.CustomObservableTrackingNumber,
}


def pick(data, *keys):
    return {k: data[k] for k in keys if data.get(k) is not None}


def note_id(data):
    # pycti 7 adds an optional abstract to the Note id; pass it only where it is accepted.
    kwargs = {}
    if "abstract" in inspect.signature(pycti.Note.generate_id).parameters:
        kwargs["abstract"] = data.get("attribute_abstract")
    return pycti.Note.generate_id(data.get("created"), data["content"], **kwargs)


def domain_id(entity_type, data):
    if entity_type in NAMED:
        return NAMED[entity_type].generate_id(data["name"])
    if entity_type in NAMED_WITH_CREATED:
        return NAMED_WITH_CREATED[entity_type].generate_id(data["name"], data.get("created"))
    if entity_type in IDENTITY_TYPES:
        return pycti.Identity.generate_id(data["name"], data["identity_class"])
    if entity_type in LOCATION_TYPES:
        return pycti.Location.generate_id(
            data.get("name"), entity_type, data.get("latitude"), data.get("longitude")
        )
    handlers = {
        "Attack-Pattern": lambda: pycti.AttackPattern.generate_id(
            data.get("name"), data.get("x_mitre_id")
        ),
        "Course-Of-Action": lambda: pycti.CourseOfAction.generate_id(
            data.get("name"), data.get("x_mitre_id")
        ),
        "Grouping": lambda: pycti.Grouping.generate_id(
            data["name"], data["context"], data.get("created")
        ),
        "Indicator": lambda: pycti.Indicator.generate_id(data["pattern"]),
        "Malware-Analysis": lambda: pycti.MalwareAnalysis.generate_id(
            data["result_name"], data.get("product"), data.get("submitted")
        ),
        "Note": lambda: note_id(data),
        "Observed-Data": lambda: pycti.ObservedData.generate_id(data["objects"]),
        "Opinion": lambda: pycti.Opinion.generate_id(data.get("created"), data["opinion"]),
        "Report": lambda: pycti.Report.generate_id(data["name"], data["published"]),
        "Security-Coverage": lambda: pycti.SecurityCoverage.generate_id(data["objectCovered"]),
        "Marking-Definition": lambda: pycti.MarkingDefinition.generate_id(
            data["definition_type"], data["definition"]
        ),
        "Label": lambda: pycti.Label.generate_id(data["value"]),
        "Kill-Chain-Phase": lambda: pycti.KillChainPhase.generate_id(
            data["phase_name"], data["kill_chain_name"]
        ),
        "External-Reference": lambda: pycti.ExternalReference.generate_id(
            data.get("url"), data.get("source_name"), data.get("external_id")
        ),
        "Vocabulary": lambda: pycti.Vocabulary.generate_id(data["name"], data["category"]),
        "stix-sighting-relationship": lambda: pycti.StixSightingRelationship.generate_id(
            data["sighting_of_ref"],
            data["where_sighted_refs"],
            data.get("first_seen"),
            data.get("last_seen"),
        ),
    }
    handler = handlers.get(entity_type)
    return handler() if handler else None


def observable(entity_type, data):
    if entity_type in VALUE_OBSERVABLES:
        return VALUE_OBSERVABLES[entity_type](**pick(data, "value"))
    builders = {
        "Autonomous-System": lambda: stix2.AutonomousSystem(**pick(data, "number", "name")),
        "Directory": lambda: stix2.Directory(**pick(data, "path")),
        "Mutex": lambda: stix2.Mutex(**pick(data, "name")),
        "StixFile": lambda: stix2.File(**pick(data, "hashes", "name", "size")),
        "Artifact": lambda: stix2.Artifact(
            **pick(data, "hashes", "url", "payload_bin", "mime_type")
        ),
        "X509-Certificate": lambda: stix2.X509Certificate(
            **pick(data, "hashes", "serial_number", "subject", "issuer")
        ),
        "Email-Message": lambda: stix2.EmailMessage(
            is_multipart=False, **pick(data, "from_ref", "subject", "body")
        ),
        "Network-Traffic": lambda: stix2.NetworkTraffic(
            **pick(data, "start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols")
        ),
        "Process": lambda: stix2.Process(**pick(data, "pid", "command_line")),
        "Software": lambda: stix2.Software(**pick(data, "name", "cpe", "swid", "vendor", "version")),
        "User-Account": lambda: stix2.UserAccount(
            **pick(data, "account_type", "user_id", "account_login")
        ),
        "Windows-Registry-Key": lambda: stix2.WindowsRegistryKey(
            key=data["attribute_key"], **pick(data, "values")
        ),
        "Bank-Account": lambda: constants.CustomObservableBankAccount(
            value=data["iban"], **pick(data, "iban", "bic")
        ),
        "Payment-Card": lambda: constants.CustomObservablePaymentCard(
            value=data["card_number"], **pick(data, "card_number", "holder_name")
        ),
        "Media-Content": lambda: constants.CustomObservableMediaContent(**pick(data, "url", "title")),
        "Persona": lambda: constants.CustomObservablePersona(
            **pick(data, "persona_name", "persona_type")
        ),
        # pycti's SSH key observable is identified by a `value`: give it the fingerprint.
        "SSH-Key": lambda: constants.CustomObservableSshKey(value=data["fingerprint_sha256"]),
    }
    builder = builders.get(entity_type)
    return builder() if builder else None


def observable_id(entity_type, data):
    first = observable(entity_type, data)
    if first is None:
        return None
    # stix2 falls back to a random UUIDv4 when no contributing property is set: not an id pycti
    # can reproduce, so report none.
    second = observable(entity_type, data)
    return first.id if first.id == second.id else None


def compute(case):
    entity_type = case["entityType"]
    data = case["data"]
    # Core relationships are the only cases carrying both ends.
    if "source_ref" in data and "target_ref" in data:
        return pycti.StixCoreRelationship.generate_id(
            data.get("relationship_type", entity_type),
            data["source_ref"],
            data["target_ref"],
            data.get("start_time"),
            data.get("stop_time"),
        )
    result = domain_id(entity_type, data)
    return result if result is not None else observable_id(entity_type, data)


def main():
    results = {}
    for case in json.load(sys.stdin):
        try:
            results[case["name"]] = compute(case)
        except Exception as error:  # noqa: BLE001 - reported per case, the run goes on
            results[case["name"]] = None
            sys.stderr.write(f"{case['name']}: {type(error).__name__}: {error}\n")
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
