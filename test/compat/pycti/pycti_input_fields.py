"""Lists what the installed pycti puts in the create inputs it sends (`<Type>AddInput` keys, read
from its source with `ast`) and which of them the live schema lacks, as JSON.
Usage: python pycti_input_fields.py <url> <token>."""
import ast
import json
import os
import re
import sys

import pycti
import requests

# Inputs outside the knowledge API (users, groups, roles, drafts, …: the security issue).
OUT_OF_SCOPE = re.compile(
    r"^(User|Group|Role|UserToken|DraftWorkspace|InternalRelationship|StixMetaRelationship"
    r"|Task|SecurityCoverageResult|Pir\w*)AddInput$"
)


def input_keys_of(function):
    """Keys of the dicts a function builds as `input` (and of its typed sub-inputs)."""
    top, subs = set(), {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and "input" in target.id:
                    if isinstance(node.value, ast.Dict):
                        top.update(k.value for k in node.value.keys if isinstance(k, ast.Constant))
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and "input" in target.value.id
                    and isinstance(target.slice, ast.Constant)
                ):
                    top.add(target.slice.value)
                    if isinstance(node.value, ast.Dict):
                        subs.setdefault(target.slice.value, set()).update(
                            k.value for k in node.value.keys if isinstance(k, ast.Constant)
                        )
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "input":
                    if isinstance(value, ast.Dict):
                        top.update(k.value for k in value.keys if isinstance(k, ast.Constant))
    return top, subs


def sent_inputs():
    sent = {}
    root = os.path.dirname(pycti.__file__)
    for directory, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".py"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                tree = ast.parse(handle.read())
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef):
                    continue
                texts = [
                    n.value
                    for n in ast.walk(function)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
                declared = {
                    (m.group(1), m.group(2))
                    for text in texts
                    for m in re.finditer(r"\$(\w+):\s*(\w+AddInput)", text)
                }
                if not declared:
                    continue
                top, subs = input_keys_of(function)
                for variable, type_name in declared:
                    # A function that also creates other things (observables with their ref
                    # relationships) builds several inputs: its keys are not all this one's.
                    if type_name == "StixRefRelationshipAddInput" and len(declared) > 1:
                        continue
                    keys = top if variable == "input" else subs.get(variable, set())
                    sent.setdefault(type_name, set()).update(keys)
    return {k: v for k, v in sent.items() if not OUT_OF_SCOPE.match(k)}


def schema_inputs(url, token):
    query = "{ __schema { types { name kind inputFields { name } } } }"
    response = requests.post(
        f"{url}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    response.raise_for_status()
    types = response.json()["data"]["__schema"]["types"]
    return {
        t["name"]: {f["name"] for f in t["inputFields"] or []}
        for t in types
        if t["kind"] == "INPUT_OBJECT"
    }


def main():
    sent = sent_inputs()
    schema = schema_inputs(sys.argv[1], sys.argv[2])
    missing = {}
    for type_name, keys in sorted(sent.items()):
        absent = sorted(keys - schema.get(type_name, set()))
        if type_name not in schema or absent:
            missing[type_name] = absent if type_name in schema else ["<type>"]
    print(json.dumps({"input_types": len(sent), "keys": sum(map(len, sent.values())), "missing": missing}))


if __name__ == "__main__":
    main()
