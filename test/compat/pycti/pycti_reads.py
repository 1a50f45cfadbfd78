"""Reads an ATT&CK Enterprise instance with pycti's OpenCTIApiClient, unmodified, and prints what it
got as JSON (the jest suite asserts on it). Usage: python pycti_reads.py <url> <token>."""
import json
import sys

from pycti import OpenCTIApiClient

PHISHING = "attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b"
APT28 = "intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c"
MITRE = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"
# fixtures/reads-bundle.json
ACME = "identity--7b0b4b6c-8c53-4c1e-9a38-2f0f6b1c0a01"
FRANCE = "location--0f7c2a36-5c4b-4b8e-9a60-6f3b2b1c0a02"
SAMPLE = "malware--5f1d3c1e-7d2a-4f0e-8a4b-9c2e1b3d0a03"
IP = "ipv4-addr--1a2b3c4d-0000-4000-8000-000000000004"
REPORT = "report--4d5e6f70-8192-4ab3-9cb4-c5d6e7f8a007"
INDICATOR = "indicator--2b3c4d5e-6f70-4a81-9b92-a3b4c5d6e005"
TLP_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"


def names(items):
    return [item["name"] for item in items]


def group(mode, filters, groups=None):
    return {"mode": mode, "filters": filters, "filterGroups": groups or []}


def main():
    client = OpenCTIApiClient(sys.argv[1], sys.argv[2], log_level="error")
    out = {}
    phishing = client.attack_pattern.read(id=PHISHING)
    out["by_stix_id"] = {
        "name": phishing["name"],
        "created_by": phishing["createdBy"]["name"],
        "markings": [m["definition_type"] for m in phishing["objectMarking"]],
        "kill_chain": sorted(k["phase_name"] for k in phishing["killChainPhases"]),
        "external_ids": [r.get("external_id") for r in phishing["externalReferences"]],
    }
    out["by_standard_id"] = client.attack_pattern.read(id=phishing["standard_id"])["id"]
    out["by_internal_id"] = client.attack_pattern.read(id=phishing["id"])["id"]
    out["internal_id"] = phishing["id"]
    out["sdo"] = client.stix_domain_object.read(id=APT28)["entity_type"]
    out["core_object"] = client.stix_core_object.read(id=APT28)["name"]
    out["identity"] = client.identity.read(id=MITRE)["name"]
    out["filtered"] = names(
        client.attack_pattern.list(
            filters=group(
                "and",
                [{"key": "name", "values": ["Phishing"], "operator": "starts_with"}],
                [
                    group(
                        "or",
                        [
                            {"key": "x_mitre_platforms", "values": ["Linux"]},
                            {"key": "x_mitre_platforms", "values": ["IaaS"]},
                        ],
                    )
                ],
            ),
            orderBy="name",
            orderMode="asc",
        )
    )
    out["not_eq"] = len(
        client.intrusion_set.list(
            filters=group("and", [{"key": "name", "values": ["APT28"], "operator": "not_eq"}]),
            getAll=True,
        )
    )
    out["searched"] = names(client.intrusion_set.list(search="Fancy Bear"))
    out["ordered"] = names(client.malware.list(first=20, orderBy="name", orderMode="desc"))
    relationships = client.stix_core_relationship.list(getAll=True)
    out["all_relationships"] = len(relationships)
    out["distinct_relationships"] = len({r["id"] for r in relationships})
    out["uses_from_apt28"] = len(
        client.stix_core_relationship.list(fromId=APT28, relationship_type=["uses"], getAll=True)
    )
    out["markings"] = sorted(m["definition_type"] for m in client.marking_definition.list())
    marking = client.marking_definition.read(id="marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")
    out["marking_read"] = marking["definition"] if marking else None
    out["labels"] = len(client.label.list())
    out["external_references"] = len(client.external_reference.list(first=10))
    out["kill_chain_phases"] = len(client.kill_chain_phase.list(first=500))
    out["locations"] = len(client.location.list())
    out["observables"] = len(client.stix_cyber_observable.list(first=5))
    out["sightings"] = len(client.stix_sighting_relationship.list())
    out["reports"] = len(client.report.list())
    out["core_objects_typed"] = sorted({o["entity_type"] for o in client.stix_core_object.list(types=["Intrusion-Set", "Campaign"], first=300)})
    out.update(fixture_reads(client))
    json.dump(out, sys.stdout)


def fixture_reads(client):
    out = {}
    labels = client.label.list(filters=group("and", [{"key": "value", "values": ["test-label"]}]))
    label = client.label.read(id=labels[0]["id"]) if labels else None
    out["label"] = label["value"] if label else None
    out["labelled"] = sorted(
        o["entity_type"]
        for o in client.stix_core_object.list(
            filters=group("and", [{"key": "objectLabel", "values": [label["id"]]}])
        )
    )
    out["green_malwares"] = names(
        client.malware.list(filters=group("and", [{"key": "objectMarking", "values": [TLP_GREEN]}]))
    )
    out["by_acme"] = sorted(
        o["entity_type"]
        for o in client.stix_domain_object.list(
            filters=group("and", [{"key": "createdBy", "values": [ACME]}])
        )
    )
    sample = client.malware.read(id=SAMPLE)
    out["sample_labels"] = sorted(l["value"] for l in sample["objectLabel"])
    out["sample_marking"] = [m["definition"] for m in sample["objectMarking"]]
    out["location"] = client.location.read(id=FRANCE)["entity_type"]
    out["countries"] = names(client.location.list(types=["Country"]))
    out["organization"] = client.identity.read(id=ACME)["entity_type"]
    observable = client.stix_cyber_observable.read(id=IP)
    out["observable"] = observable["observable_value"]
    out["observable_indicators"] = [i["pattern"] for i in observable["indicators"]]
    indicator = client.indicator.read(id=INDICATOR)
    out["indicator_observables"] = [o["observable_value"] for o in indicator["observables"]]
    out["observables_by_value"] = len(
        client.stix_cyber_observable.list(
            filters=group(
                "and",
                [
                    {"key": "entity_type", "values": ["IPv4-Addr"]},
                    {"key": "value", "values": ["198.51.100.7"]},
                ],
            )
        )
    )
    out["indicator_patterns"] = [i["pattern"] for i in client.indicator.list()]
    as_stix = client.indicator.list(toStix=True)[0]["toStix"]
    out["indicator_stix_pattern"] = (json.loads(as_stix) if isinstance(as_stix, str) else as_stix)["pattern"]
    report = client.report.read(id=REPORT)
    out["report_objects"] = sorted(o["entity_type"] for o in report["objects"])
    sightings = client.stix_sighting_relationship.list()
    out["sightings_from_to"] = [[s["from"]["entity_type"], s["to"]["entity_type"]] for s in sightings]
    out["targets_france"] = [
        r["from"]["name"] for r in client.stix_core_relationship.list(toId=FRANCE)
    ]
    out["regarding_france"] = names(
        client.malware.list(
            filters=group(
                "and",
                [
                    {
                        "key": "regardingOf",
                        "values": [
                            {"key": "id", "values": [FRANCE]},
                            {"key": "relationship_type", "values": ["targets"]},
                        ],
                    }
                ],
            )
        )
    )
    return out


main()
