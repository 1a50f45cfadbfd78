"""The pushing half of `npm run bench:connectors`: a connector on pycti's OpenCTIConnectorHelper
opens a work and sends the bundle files given as arguments with send_stix2_bundle, as connectors
do (CONNECTOR_QUEUE_PROTOCOL=amqp: one message per object; api: one stixBundlePush per file).
Prints JSON: {"work_id", "messages", "send_s"}."""

import json
import os
import sys
import time

from pycti import OpenCTIConnectorHelper


def main() -> None:
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "EXTERNAL_IMPORT", "log_level": "error"}}
    )
    work_id = helper.api.work.initiate_work(helper.connect_id, "bench:connectors")
    messages = 0
    start = time.perf_counter()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            bundle = handle.read()
        sent = helper.send_stix2_bundle(bundle, work_id=work_id, update=True)
        messages += len(sent) if helper.queue_protocol == "amqp" else 1
    send_s = time.perf_counter() - start
    helper.api.work.to_processed(work_id, f"{messages} messages sent")
    print(json.dumps({"work_id": work_id, "messages": messages, "send_s": send_s}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
