"""Hera and the argo-workflows Python client against `argo-lite server` on the local default.

Run by `.ci/run` (see docs/server.md): `ARGO_LITE_BINARY=.build/debug/argo-lite python -m pytest Tests/ServerTests/python`.
Each test module starts its own server, with the controller in the same process, on a fresh state directory and
a port the system picks on 127.0.0.1.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

BINARY = os.environ.get("ARGO_LITE_BINARY", ".build/debug/argo-lite")


@pytest.fixture(scope="module")
def server():
    state = tempfile.mkdtemp(prefix="argo-lite-py-")
    log = open(os.path.join(state, "server.log"), "w+")
    process = subprocess.Popen(
        [BINARY, "server", "--state-dir", os.path.join(state, "state"), "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=log)
    host = None
    deadline = time.time() + 30
    while host is None and time.time() < deadline and process.poll() is None:
        time.sleep(0.1)
        log.seek(0)
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read())
        host = match and match.group(1)
    if host is None:
        log.seek(0)
        process.kill()
        pytest.fail("argo-lite server did not start:\n" + log.read())
    yield host
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(state, ignore_errors=True)


def test_hera_dag_with_a_script_succeeds_with_its_outputs(server):
    from hera.workflows import DAG, Workflow, WorkflowsService, script

    @script(image="python:3.11")
    def add(a: int, b: int):
        print(a + b)

    service = WorkflowsService(host=server, verify_ssl=False)
    with Workflow(generate_name="hera-dag-", entrypoint="main", namespace="argo", workflows_service=service) as w:
        with DAG(name="main"):
            first = add(name="first", arguments={"a": 1, "b": 2})
            second = add(name="second", arguments={"a": first.result, "b": 4})
            first >> second
    wf = w.create(wait=True, poll_interval=1)
    assert wf.status.phase == "Succeeded", wf.status.message
    results = {node.display_name: node.outputs.result for node in wf.status.nodes.values() if node.type == "Pod"}
    assert results == {"first": "3", "second": "7"}


def test_hera_workflow_template_and_cron_lifecycle(server):
    from hera.workflows import Container, CronWorkflow, WorkflowsService, WorkflowTemplate
    from hera.workflows.models import WorkflowTemplateUpdateRequest

    service = WorkflowsService(host=server, verify_ssl=False)
    with WorkflowTemplate(name="hello-tmpl", entrypoint="main", namespace="argo", workflows_service=service) as t:
        Container(name="main", image="alpine", command=["echo", "hello"])
    created = t.create()
    assert created.metadata.name == "hello-tmpl"
    assert service.get_workflow_template("hello-tmpl", namespace="argo").spec.entrypoint == "main"
    assert [i.metadata.name for i in service.list_workflow_templates(namespace="argo").items] == ["hello-tmpl"]
    created.spec.entrypoint = "main"
    created.spec.templates[0].container.command = ["echo", "bye"]
    updated = service.update_workflow_template("hello-tmpl", WorkflowTemplateUpdateRequest(template=created), namespace="argo")
    assert updated.spec.templates[0].container.command == ["echo", "bye"]
    service.delete_workflow_template("hello-tmpl", namespace="argo")
    assert service.list_workflow_templates(namespace="argo").items in (None, [])

    with CronWorkflow(name="hourly", schedule="0 * * * *", entrypoint="main", namespace="argo",
                      workflows_service=service) as c:
        Container(name="main", image="alpine", command=["echo", "tick"])
    assert c.create().metadata.name == "hourly"
    # Argo v4 has only `schedules`; Hera 7 turns `schedule=` into it
    assert service.get_cron_workflow("hourly", namespace="argo").spec.schedules == ["0 * * * *"]
    assert [i.metadata.name for i in service.list_cron_workflows(namespace="argo").items] == ["hourly"]
    service.delete_cron_workflow("hourly", namespace="argo")
    assert service.list_cron_workflows(namespace="argo").items in (None, [])


def test_argo_workflows_client_lists_gets_and_watches(server):
    import argo_workflows
    from argo_workflows.api import workflow_service_api

    client = argo_workflows.ApiClient(argo_workflows.Configuration(host=server))
    api = workflow_service_api.WorkflowServiceApi(client)
    manifest = {
        "metadata": {"generateName": "client-"},
        "spec": {"entrypoint": "main", "templates": [
            {"name": "main", "container": {"image": "alpine", "command": ["echo", "from the client"]}}]},
    }
    # the raw body (the generated models check every field; the list and get answers are what is tested here)
    response = client.call_api("/api/v1/workflows/{namespace}", "POST", path_params={"namespace": "default"},
                               body={"workflow": manifest}, header_params={"Content-Type": "application/json"},
                               _preload_content=False, _return_http_data_only=True)
    name = json.loads(response.data)["metadata"]["name"]

    stream = api.watch_workflows("default", list_options_field_selector="metadata.name=" + name,
                                 _preload_content=False)
    phase = None
    for line in stream:
        for part in line.splitlines():
            if not part.strip():
                continue
            event = json.loads(part)["result"]
            phase = event["object"].get("status", {}).get("phase")
            if phase in ("Succeeded", "Failed", "Error"):
                break
        if phase in ("Succeeded", "Failed", "Error"):
            break
    stream.release_conn()
    assert phase == "Succeeded"

    listed = api.list_workflows("default")
    assert [wf.metadata.name for wf in listed.items] == [name]
    got = api.get_workflow("default", name)
    assert got.status.phase == "Succeeded"
    assert all(node.id and node.name and node.type for node in got.status.nodes.values())
