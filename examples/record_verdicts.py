"""Record a judge's verdicts in Verdicts over GraphQL, with the Python standard library only."""
import json
import os
import urllib.request

URL = os.environ.get("VERDICTS_URL", "http://127.0.0.1:4000/graphql")
API_KEY = os.environ["VERDICTS_API_KEY"]  # verdicts keys create --scope write --name my-pipeline

MUTATION = """
mutation Record($input: RecordVerdictsInput!) {
  recordVerdicts(input: $input) {
    accepted duplicates rejected
    results { index status userErrors { code field message } }
  }
}"""


def record_verdicts(verdicts):
    body = json.dumps({"query": MUTATION, "variables": {"input": {"verdicts": verdicts}}})
    request = urllib.request.Request(
        URL,
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"},
    )
    with urllib.request.urlopen(request) as response:
        result = json.load(response)
    if "errors" in result:
        raise RuntimeError(result["errors"][0]["message"])
    return result["data"]["recordVerdicts"]


# One swap pair: the judge saw each order once. The idempotency keys make a re-run store nothing.
payload = record_verdicts([
    {
        "judge": "gpt-4-1106-preview", "judgeKind": "LLM", "judgeVersion": "arena-hard-v0.1",
        "prompt": {"externalId": "py-q1", "text": "Write a haiku about Kubernetes.", "category": "writing"},
        "modelA": "gpt-4-0613", "modelB": "claude-2", "outcome": "A_BETTER", "shownFirst": "A",
        "idempotencyKey": "py-q1-game1",
    },
    {
        "judge": "gpt-4-1106-preview", "judgeKind": "LLM", "judgeVersion": "arena-hard-v0.1",
        "prompt": {"externalId": "py-q1"},
        "modelA": "claude-2", "modelB": "gpt-4-0613", "shownFirst": "A",
        "judgment": "Assistant B's haiku scans better. My final verdict is [[B>A]].",
        "idempotencyKey": "py-q1-game2",
    },
])
for item in payload["results"]:
    if item["status"] == "REJECTED":
        print(item["index"], item["userErrors"])
print(f"accepted {payload['accepted']}, duplicates {payload['duplicates']}, rejected {payload['rejected']}")
