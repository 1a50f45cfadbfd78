"""An INTERNAL_ENRICHMENT connector on pycti's OpenCTIConnectorHelper, written as connectors are.

It enriches IPv4 addresses: each gets an autonomous system (AS64500 + last octet) and a
`belongs-to` relationship to it. Configured by the environment (OPENCTI_URL, OPENCTI_TOKEN,
CONNECTOR_ID, CONNECTOR_SCOPE=IPv4-Addr, CONNECTOR_AUTO, CONNECTOR_LISTEN_PROTOCOL...). It prints
one JSON line per job it handled, then keeps listening until killed.
"""

import json
import sys

import stix2
from pycti import OpenCTIConnectorHelper, StixCoreRelationship


def main() -> None:
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "INTERNAL_ENRICHMENT", "log_level": "error"}}
    )

    def enrich(data: dict) -> str:
        entity = data["enrichment_entity"]
        stix_entity = data["stix_entity"]
        value = entity["value"]
        number = 64500 + int(value.split(".")[-1])
        autonomous_system = stix2.AutonomousSystem(number=number, name=f"AS{number}")
        relationship = stix2.Relationship(
            id=StixCoreRelationship.generate_id(
                "belongs-to", stix_entity["id"], autonomous_system.id
            ),
            relationship_type="belongs-to",
            source_ref=stix_entity["id"],
            target_ref=autonomous_system.id,
        )
        bundle = stix2.Bundle(
            objects=[stix_entity, autonomous_system, relationship], allow_custom=True
        ).serialize()
        sent = helper.send_stix2_bundle(bundle)
        print(json.dumps({"entity": value, "as": number, "sent": len(sent)}))
        sys.stdout.flush()
        return f"{value} belongs to AS{number}"

    helper.listen(message_callback=enrich)


if __name__ == "__main__":
    main()
