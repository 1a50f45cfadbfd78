"""Prints, as JSON, every GraphQL read document pycti sends for the read operations the knowledge API
serves (list and read of each entity helper). Nothing is sent: the client's transport is replaced by
a recorder, so this runs without a platform."""
import json
import sys

from pycti import OpenCTIApiClient

HELPERS = [
    "vocabulary", "label", "marking_definition", "external_reference", "kill_chain_phase",
    "stix_domain_object", "stix_core_object", "stix_cyber_observable", "stix_core_relationship",
    "stix_sighting_relationship", "stix_nested_ref_relationship", "identity", "event", "location",
    "threat_actor", "threat_actor_group", "threat_actor_individual", "intrusion_set",
    "infrastructure", "campaign", "incident", "malware", "tool", "channel", "narrative",
    "language", "vulnerability", "attack_pattern", "course_of_action", "data_component",
    "data_source", "report", "note", "observed_data", "opinion", "grouping", "indicator",
    "stix_object_or_stix_relationship",
]


class Recorded(Exception):
    pass


def main():
    client = OpenCTIApiClient("http://127.0.0.1:1", "00000000-0000-4000-8000-000000000000",
                              log_level="error", perform_health_check=False)
    documents = {}

    def record(query, variables=None, disable_impersonate=False):
        name = " ".join(query.split())
        documents.setdefault(name, {"query": query, "helpers": []})
        raise Recorded()

    client.query = record
    for helper_name in HELPERS:
        helper = getattr(client, helper_name, None)
        if helper is None:
            continue
        calls = [("list", {}), ("list", {"withFiles": True}), ("read", {"id": "x"}),
                 ("read", {"id": "x", "withFiles": True})]
        for method, kwargs in calls:
            fn = getattr(helper, method, None)
            if fn is None:
                continue
            before = set(documents)
            try:
                fn(**kwargs)
            except Recorded:
                pass
            except Exception:  # a helper that needs more arguments is read another way
                pass
            for key in set(documents) - before:
                documents[key]["helpers"].append(f"{helper_name}.{method}")
    json.dump([{"helpers": d["helpers"], "query": d["query"]} for d in documents.values()],
              sys.stdout, indent=1)


main()
