import Controller
import Foundation
import Templates

/// Workflow access for the commands: typed errors worded as the Kubernetes API words them, conflict-retrying
/// updates, and waiting for a workflow to finish.
struct WorkflowClient: Sendable {
    let cluster: any Cluster
    let namespace: String

    static func notFound(_ name: String) -> CLIError { CLIError("workflows.argoproj.io \"\(name)\" not found") }

    /// The name argo accepts for "the workflow created last" wherever a command takes a workflow name.
    static let latestAlias = "@latest"

    /// A name as the user typed it, with `@latest` replaced by the namespace's newest workflow. argo-server's
    /// `getLatestWorkflow` rule: the latest `creationTimestamp` (whole seconds); among equals, the first in list
    /// order (by name). "No workflows found." when the namespace has none.
    func resolve(_ name: String) async throws(CLIError) -> String {
        guard name == Self.latestAlias else { return name }
        let workflows = try await list(selector: nil)
        guard var latest = workflows.first else { throw CLIError("No workflows found.") }
        for wf in workflows {
            if let created = wf.creationTimestamp, created > (latest.creationTimestamp ?? .distantPast) { latest = wf }
        }
        return latest.name
    }

    func get(_ name: String) async throws(CLIError) -> WorkflowView {
        do {
            return WorkflowView(try await cluster.get(.workflow, namespace: namespace, name: name))
        } catch .notFound {
            throw Self.notFound(name)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Workflows in the namespace (or all namespaces), filtered by a label selector.
    func list(selector: LabelSelector?, allNamespaces: Bool = false) async throws(CLIError) -> [WorkflowView] {
        do {
            let list = try await cluster.list(.workflow, namespace: allNamespaces ? nil : namespace, labelSelector: selector)
            return list.items.map(WorkflowView.init)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Reads, changes and writes back a workflow, retrying when another writer got there first (as argo's
    /// `retry.RetryOnConflict`). `change` returns false when there is nothing to write.
    @discardableResult
    func update(_ name: String, _ change: (inout JSONValue) throws(CLIError) -> Bool) async throws(CLIError) -> WorkflowView {
        for _ in 0..<20 {
            var object = try await get(name).object
            guard try change(&object) else { return WorkflowView(object) }
            do {
                return WorkflowView(try await cluster.update(.workflow, object))
            } catch .conflict {
                continue
            } catch .notFound {
                throw Self.notFound(name)
            } catch {
                throw CLIError(error.description)
            }
        }
        throw CLIError("workflow \(name): gave up after repeated update conflicts")
    }

    func delete(_ name: String) async throws(CLIError) {
        do {
            try await cluster.delete(.workflow, namespace: namespace, name: name)
        } catch .notFound {
            throw Self.notFound(name)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Follows a workflow until `status.finishedAt` is set, calling `onChange` with every new version (the first
    /// call is the current state). Returns the finished workflow, or nil when it is deleted first.
    func waitUntilFinished(_ name: String, pollInterval: Duration,
                           onChange: (WorkflowView) -> Void = { _ in }) async throws -> WorkflowView? {
        var current = try await get(name)
        onChange(current)
        while !current.isFinished {
            try Task.checkCancellation()
            let version = current.metadata["resourceVersion"]?.stringValue
            let next = try await nextVersion(name, after: version, pollInterval: pollInterval)
            guard let next else { return nil }
            if next.metadata["resourceVersion"] != current.metadata["resourceVersion"] { onChange(next) }
            current = next
        }
        return current
    }

    /// The workflow's next version after `version` from a watch, or the current one after `pollInterval` (so a
    /// missed or compacted watch never hangs the command). Nil when the workflow was deleted.
    private func nextVersion(_ name: String, after version: String?, pollInterval: Duration) async throws -> WorkflowView? {
        let cluster = self.cluster, namespace = self.namespace
        return try await withThrowingTaskGroup(of: WorkflowView?.self) { group in
            group.addTask {
                let stream = try await cluster.watch(.workflow, namespace: namespace, labelSelector: nil,
                                                     resourceVersion: version)
                for try await event in stream where event.object["metadata"]?["name"]?.stringValue == name {
                    if event.type == .deleted { return nil }
                    if event.type == .added || event.type == .modified { return WorkflowView(event.object) }
                }
                try await Task.sleep(for: pollInterval)
                return try await self.getIfExists(name)
            }
            group.addTask {
                try await Task.sleep(for: pollInterval)
                return try await self.getIfExists(name)
            }
            defer { group.cancelAll() }
            do {
                if let first = try await group.next() { return first }
            } catch let error as ClusterError {
                if case .gone = error { return try await getIfExists(name) }
                throw CLIError(error.description)
            }
            return try await getIfExists(name)
        }
    }

    private func getIfExists(_ name: String) async throws(CLIError) -> WorkflowView? {
        do {
            return WorkflowView(try await cluster.get(.workflow, namespace: namespace, name: name))
        } catch .notFound {
            return nil
        } catch {
            throw CLIError(error.description)
        }
    }
}
