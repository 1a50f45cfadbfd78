"""An INTERNAL_IMPORT_FILE connector on pycti's OpenCTIConnectorHelper, written as connectors are.

It imports text files listing IPv4 addresses, one per line: it downloads the file the job names
(`file_fetch`), makes one observable per address and, when the file is attached to a container,
adds them to it. Configured by the environment (OPENCTI_URL, OPENCTI_TOKEN, CONNECTOR_ID,
CONNECTOR_SCOPE=text/plain, CONNECTOR_AUTO, CONNECTOR_LISTEN_PROTOCOL...). Keeps listening until
killed.
"""

import stix2
from pycti import OpenCTIConnectorHelper


def main() -> None:
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "INTERNAL_IMPORT_FILE", "log_level": "error"}}
    )

    def import_file(data: dict) -> str:
        content = helper.api.fetch_opencti_file(helper.opencti_url + data["file_fetch"])
        addresses = [line.strip() for line in (content or "").splitlines() if line.strip()]
        if not addresses:
            # Say which file and what came back (pycti answers None when the fetch failed).
            raise ValueError(f"{data['file_fetch']}: no address in {content!r:.200}")
        objects = [stix2.IPv4Address(value=address) for address in addresses]
        entity_id = data.get("entity_id")
        if entity_id:
            container = helper.api.stix2.get_stix_bundle_or_object_from_entity_id(
                entity_type="Report", entity_id=entity_id, only_entity=True
            )
            container["object_refs"] = list(
                set(container.get("object_refs", []) + [o.id for o in objects])
            )
            objects.append(container)
        bundle = stix2.Bundle(objects=objects, allow_custom=True).serialize()
        sent = helper.send_stix2_bundle(
            bundle,
            file_name=data["file_id"],
            entity_id=entity_id,
            bypass_validation=data.get("bypass_validation", False),
            file_markings=data.get("file_markings", []),
        )
        return f"{len(addresses)} addresses imported ({len(sent)} bundles sent)"

    helper.listen(message_callback=import_file)


if __name__ == "__main__":
    main()
