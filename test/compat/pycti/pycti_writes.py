"""Creates, updates, links, uploads, merges and deletes knowledge with pycti's OpenCTIApiClient,
unmodified, and prints what it read back as JSON (the jest suite asserts on it).
Usage: python pycti_writes.py <url> <token> <suffix>; the suffix keeps runs of several pycti
versions against one instance apart."""
import json
import sys

import stix2
from pycti import (
    AttackPattern,
    ExternalReference,
    Identity,
    Indicator,
    IntrusionSet,
    KillChainPhase,
    Label,
    Malware,
    MarkingDefinition,
    OpenCTIApiClient,
    Report,
    StixCoreRelationship,
    StixSightingRelationship,
    ThreatActorGroup,
    Vulnerability,
)


def by_name(name):
    return {"mode": "and", "filters": [{"key": "name", "values": [name]}], "filterGroups": []}


def main():
    client = OpenCTIApiClient(sys.argv[1], sys.argv[2], log_level="error")
    s = sys.argv[3]
    out = {"ids": {}, "expected_ids": {}}

    def check_id(key, element, expected):
        out["ids"][key] = element["standard_id"]
        out["expected_ids"][key] = expected

    # Meta objects
    label = client.label.create(value=f"label-{s}", color="#ff8800")
    check_id("label", label, Label.generate_id(f"label-{s}"))
    marking = client.marking_definition.create(
        definition_type="statement", definition=f"Copyright {s}", x_opencti_order=0
    )
    # The platform upper-cases marking definitions (as OpenCTI does); pycti's helper does not.
    check_id(
        "marking",
        marking,
        MarkingDefinition.generate_id("STATEMENT", f"Copyright {s}".upper()),
    )
    ext = client.external_reference.create(
        source_name=f"source-{s}", url=f"https://example.org/{s}", external_id=f"EX-{s}"
    )
    check_id(
        "external_reference",
        ext,
        ExternalReference.generate_id(f"https://example.org/{s}", f"source-{s}", f"EX-{s}"),
    )
    kcp = client.kill_chain_phase.create(kill_chain_name=f"chain-{s}", phase_name="phase")
    check_id("kill_chain_phase", kcp, KillChainPhase.generate_id("phase", f"chain-{s}"))
    org = client.identity.create(type="Organization", name=f"Org {s}", description="an org")
    check_id("organization", org, Identity.generate_id(f"Org {s}", "organization"))

    # Domain objects, created twice (upsert: the same element comes back)
    malware = client.malware.create(
        name=f"Malware {s}",
        description="first",
        is_family=True,
        malware_types=["trojan"],
        createdBy=org["id"],
        objectMarking=[marking["id"]],
        objectLabel=[label["id"]],
        externalReferences=[ext["id"]],
        killChainPhases=[kcp["id"]],
    )
    check_id("malware", malware, Malware.generate_id(f"Malware {s}"))
    again = client.malware.create(name=f"Malware {s}", description="first", is_family=True)
    out["malware_upsert_same"] = again["id"] == malware["id"]
    read = client.malware.read(id=malware["id"])
    out["malware_read"] = {
        "created_by": read["createdBy"]["name"],
        "markings": [m["definition"] for m in read["objectMarking"]],
        "labels": [l["value"] for l in read["objectLabel"]],
        "external_ids": [r["external_id"] for r in read["externalReferences"]],
        "kill_chain": [k["phase_name"] for k in read["killChainPhases"]],
        "malware_types": read["malware_types"],
    }
    intrusion_set = client.intrusion_set.create(name=f"Set {s}", aliases=[f"SET-{s}"])
    check_id("intrusion_set", intrusion_set, IntrusionSet.generate_id(f"Set {s}"))
    actor = client.threat_actor_group.create(
        name=f"Actor {s}", threat_actor_types=["crime-syndicate"]
    )
    check_id("threat_actor", actor, ThreatActorGroup.generate_id(f"Actor {s}"))
    # Without x_mitre_id: pycti 7 lower-cases it in generate_id, pycti 6.9 does not.
    technique = client.attack_pattern.create(name=f"Technique {s}", killChainPhases=[kcp["id"]])
    check_id("attack_pattern", technique, AttackPattern.generate_id(f"Technique {s}"))
    pattern = f"[ipv4-addr:value = '198.51.100.{len(s)}']"
    indicator = client.indicator.create(
        name=f"Indicator {s}",
        pattern=pattern,
        pattern_type="stix",
        x_opencti_main_observable_type="IPv4-Addr",
        valid_from="2024-01-01T00:00:00.000Z",
    )
    check_id("indicator", indicator, Indicator.generate_id(pattern))
    vulnerability = client.vulnerability.create(
        name=f"CVE-2024-{s}", x_opencti_cvss_base_score=9.8, x_opencti_cvss_base_severity="CRITICAL"
    )
    check_id("vulnerability", vulnerability, Vulnerability.generate_id(f"CVE-2024-{s}"))
    out["vulnerability_score"] = client.vulnerability.read(id=vulnerability["id"])[
        "x_opencti_cvss_base_score"
    ]

    # Observables
    ip = client.stix_cyber_observable.create(
        observableData={"type": "ipv4-addr", "value": f"198.51.100.{len(s)}"},
        objectLabel=[label["id"]],
    )
    check_id("ipv4", ip, stix2.IPv4Address(value=f"198.51.100.{len(s)}").id)
    ipv6 = client.stix_cyber_observable.create(
        observableData={"type": "ipv6-addr", "value": f"2001:db8::{len(s)}"}
    )
    check_id("ipv6", ipv6, stix2.IPv6Address(value=f"2001:db8::{len(s)}").id)
    domain = client.stix_cyber_observable.create(
        observableData={"type": "domain-name", "value": f"{s}.example.org"}
    )
    check_id("domain", domain, stix2.DomainName(value=f"{s}.example.org").id)
    url = client.stix_cyber_observable.create(
        observableData={"type": "url", "value": f"https://{s}.example.org/x"}
    )
    check_id("url", url, stix2.URL(value=f"https://{s}.example.org/x").id)
    email = client.stix_cyber_observable.create(
        observableData={"type": "email-addr", "value": f"{s}@example.org"}
    )
    check_id("email", email, stix2.EmailAddress(value=f"{s}@example.org").id)
    sha256 = (s * 64)[:64].encode().hex()[:64]
    file = client.stix_cyber_observable.create(
        observableData={"type": "file", "name": f"{s}.exe", "hashes": {"SHA-256": sha256}}
    )
    # A file's id derives from its hashes alone when it has any (data-model.md §3).
    check_id("file", file, stix2.File(hashes={"SHA-256": sha256}).id)
    out["file_hashes"] = [
        h["algorithm"] for h in client.stix_cyber_observable.read(id=file["id"])["hashes"]
    ]

    # Relationships, sightings, reports
    uses = client.stix_core_relationship.create(
        fromId=intrusion_set["id"], toId=malware["id"], relationship_type="uses", description="x"
    )
    check_id(
        "relationship",
        uses,
        StixCoreRelationship.generate_id(
            "uses", intrusion_set["standard_id"], malware["standard_id"]
        ),
    )
    sighting = client.stix_sighting_relationship.create(
        fromId=indicator["id"],
        toId=org["id"],
        first_seen="2024-01-01T00:00:00.000Z",
        last_seen="2024-01-02T00:00:00.000Z",
        count=3,
    )
    check_id(
        "sighting",
        sighting,
        StixSightingRelationship.generate_id(
            indicator["standard_id"],
            [org["standard_id"]],
            "2024-01-01T00:00:00.000Z",
            "2024-01-02T00:00:00.000Z",
        ),
    )
    report = client.report.create(
        name=f"Report {s}",
        published="2024-02-01T00:00:00.000Z",
        report_types=["threat-report"],
        objects=[malware["id"], intrusion_set["id"]],
    )
    check_id("report", report, Report.generate_id(f"Report {s}", "2024-02-01T00:00:00.000Z"))
    client.report.add_stix_object_or_stix_relationship(
        id=report["id"], stixObjectOrStixRelationshipId=technique["id"]
    )
    client.report.remove_stix_object_or_stix_relationship(
        id=report["id"], stixObjectOrStixRelationshipId=intrusion_set["id"]
    )
    out["report_objects"] = sorted(
        o["standard_id"] for o in client.report.read(id=report["id"])["objects"]
    )
    out["report_expected_objects"] = sorted([malware["standard_id"], technique["standard_id"]])

    # Edits
    client.stix_domain_object.update_field(
        id=malware["id"], input={"key": "description", "value": "second"}
    )
    client.stix_domain_object.add_label(id=intrusion_set["id"], label_id=label["id"])
    client.stix_domain_object.add_marking_definition(
        id=intrusion_set["id"], marking_definition_id=marking["id"]
    )
    client.stix_domain_object.add_external_reference(
        id=intrusion_set["id"], external_reference_id=ext["id"]
    )
    client.stix_domain_object.update_created_by(id=intrusion_set["id"], identity_id=org["id"])
    edited = client.intrusion_set.read(id=intrusion_set["id"])
    out["after_add"] = {
        "labels": len(edited["objectLabel"]),
        "markings": len(edited["objectMarking"]),
        "external_references": len(edited["externalReferences"]),
        "created_by": edited["createdBy"]["id"] == org["id"],
    }
    client.stix_domain_object.remove_label(id=intrusion_set["id"], label_id=label["id"])
    client.stix_domain_object.remove_marking_definition(
        id=intrusion_set["id"], marking_definition_id=marking["id"]
    )
    edited = client.intrusion_set.read(id=intrusion_set["id"])
    out["after_remove"] = {
        "labels": len(edited["objectLabel"]),
        "markings": len(edited["objectMarking"]),
    }
    out["malware_description"] = client.malware.read(id=malware["id"])["description"]
    client.stix_cyber_observable.update_field(
        id=ip["id"], input={"key": "x_opencti_score", "value": "80"}
    )
    out["ip_score"] = client.stix_cyber_observable.read(id=ip["id"])["x_opencti_score"]
    client.stix_core_relationship.update_field(
        id=uses["id"], input={"key": "description", "value": "edited"}
    )
    out["relationship_description"] = client.stix_core_relationship.read(id=uses["id"])[
        "description"
    ]
    out["filtered"] = [m["name"] for m in client.malware.list(filters=by_name(f"Malware {s}"))]

    # Files
    client.stix_domain_object.add_file(
        id=malware["id"], file_name="notes.txt", data=f"notes of {s}", mime_type="text/plain"
    )
    files = client.malware.read(id=malware["id"], withFiles=True)["importFiles"]
    out["files"] = [f["name"] for f in files]
    out["file_body"] = client.fetch_opencti_file(
        client.api_url.replace("graphql", "storage/get/") + files[0]["id"]
    )

    # Merge and delete
    duplicate = client.malware.create(name=f"Malware {s} copy", description="dup")
    merged = client.stix.merge(id=malware["id"], object_ids=[duplicate["id"]])
    out["merged_id"] = merged["id"] == malware["id"]
    out["duplicate_gone"] = client.malware.read(id=duplicate["id"]) is None
    out["merged_aliases"] = client.malware.read(id=malware["id"])["aliases"]
    client.stix_domain_object.delete(id=actor["id"])
    out["actor_deleted"] = client.threat_actor_group.read(id=actor["id"]) is None
    client.stix.delete(id=vulnerability["id"])
    out["vulnerability_deleted"] = client.vulnerability.read(id=vulnerability["id"]) is None
    print(json.dumps(out))


if __name__ == "__main__":
    main()
