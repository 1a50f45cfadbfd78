"""An EXTERNAL_IMPORT connector on pycti's OpenCTIConnectorHelper, written as connectors are.

Configured by the environment like any connector (OPENCTI_URL, OPENCTI_TOKEN, CONNECTOR_ID,
CONNECTOR_QUEUE_PROTOCOL...). It reads the state the platform kept for it, opens a work, sends
the bundle given as argument, saves its state, reports the work processed and prints JSON:
{"work_id", "previous_state", "bundles", "objects"}.
"""

import json
import os
import sys
import time

from pycti import OpenCTIConnectorHelper


def main() -> None:
    bundle_path = sys.argv[1]
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "EXTERNAL_IMPORT", "log_level": "error"}}
    )
    previous_state = helper.get_state()
    with open(bundle_path, encoding="utf-8") as handle:
        bundle = handle.read()
    work_id = helper.api.work.initiate_work(
        helper.connect_id, f"{helper.connect_name} run @ {time.time()}"
    )
    sent = helper.send_stix2_bundle(
        bundle, work_id=work_id, update=True, entities_types=helper.connect_scope
    )
    runs = (previous_state or {}).get("runs", 0) + 1
    helper.set_state({"last_run": int(time.time()), "runs": runs})
    helper.force_ping()
    helper.api.work.to_processed(work_id, f"{len(sent)} bundles sent")
    print(
        json.dumps(
            {
                "work_id": work_id,
                "previous_state": previous_state,
                "bundles": len(sent),
                "objects": len(json.loads(bundle)["objects"]),
            }
        )
    )
    sys.stdout.flush()
    # The helper's ping thread is not a daemon in every pycti version.
    os._exit(0)


if __name__ == "__main__":
    main()
