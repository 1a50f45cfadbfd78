"""An INTERNAL_EXPORT_FILE connector on pycti's OpenCTIConnectorHelper, written as connectors are.

It exports one entity as a STIX 2.1 bundle the way OpenCTI's export-file-stix connector does: it
rebuilds the bundle through the API with pycti (as the user who asked, `api_impersonate`) and
pushes the file back with `exportPush`. Configured by the environment (OPENCTI_URL, OPENCTI_TOKEN,
CONNECTOR_ID, CONNECTOR_SCOPE=application/json, CONNECTOR_LISTEN_PROTOCOL...). Keeps listening
until killed.
"""

import json

from pycti import OpenCTIConnectorHelper


def main() -> None:
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "INTERNAL_EXPORT_FILE", "log_level": "error"}}
    )

    def export_file(data: dict) -> str:
        if data.get("export_scope") != "single":
            raise ValueError(f"unexpected export scope {data.get('export_scope')}")
        bundle = helper.api_impersonate.stix2.get_stix_bundle_or_object_from_entity_id(
            entity_type=data["entity_type"],
            entity_id=data["entity_id"],
            mode=data["export_type"],
            access_filter=data.get("access_filter"),
        )
        helper.api.stix_domain_object.push_entity_export(
            entity_id=data["entity_id"],
            file_name=data["file_name"],
            data=json.dumps(bundle, indent=2),
            file_markings=data.get("file_markings", []),
            mime_type="application/json",
        )
        return f"{len(bundle['objects'])} objects exported"

    helper.listen(message_callback=export_file)


if __name__ == "__main__":
    main()
