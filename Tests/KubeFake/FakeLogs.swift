import Foundation
import Templates

/// `pods/NAME/log` as the kubelet (through the API server) answers it: text/plain; `container` required when the
/// pod has more than one; `follow=true` streams until the container ends (`endLog`) or the pod goes.
/// Tests write the logs with `appendLog` (the fake has no kubelet of its own).
extension FakeKubeServer {
    public func appendLog(namespace: String, pod: String, container: String, _ text: String) {
        store.withLock {
            logs["\(namespace)/\(pod)/\(container)", default: ([], false)].text += Array(text.utf8)
            store.poke()
        }
    }

    public func endLog(namespace: String, pod: String, container: String) {
        store.withLock {
            logs["\(namespace)/\(pod)/\(container)", default: ([], false)].ended = true
            store.poke()
        }
    }

    func podLog(_ t: FakeTarget, _ query: [String: String]) throws -> FakeReply {
        let pod = try get(t)
        let name = t.name ?? ""
        let containers = (pod["spec"]?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let inits = (pod["spec"]?["initContainers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let container: String
        if let c = query["container"], !c.isEmpty {
            guard containers.contains(c) || inits.contains(c) else {
                throw FakeStatus.badRequest("container \(c) is not valid for pod \(name)")
            }
            container = c
        } else if containers.count == 1 {
            container = containers[0]
        } else {
            var message = "a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]"
            if !inits.isEmpty { message += " or one of the init containers: [\(inits.joined(separator: " "))]" }
            throw FakeStatus.badRequest(message)
        }
        let key = "\(t.namespace ?? "")/\(name)/\(container)"
        let started = store.withLock { logs[key] != nil }
        if !started, pod["status"]?["phase"]?.stringValue ?? "Pending" == "Pending" {
            throw FakeStatus.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: ContainerCreating")
        }
        let follow = ["1", "true"].contains(query["follow"] ?? "")
        if !follow {
            return .full(status: 200, contentType: "text/plain", body: store.withLock { logs[key]?.text ?? [] })
        }
        return .stream(status: 200, contentType: "text/plain") { [self] writer in
            var sent = 0
            while true {
                let (chunk, done): ([UInt8], Bool) = store.withLock {
                    while true {
                        let entry = logs[key] ?? ([], false)
                        let podGone = store.object(t.key) == nil
                        if entry.text.count > sent || entry.ended || podGone { return (Array(entry.text[sent...]), entry.ended || podGone) }
                        _ = store.lock.wait(until: Date().addingTimeInterval(0.5))
                        if !writer.isOpen { return ([], true) }
                    }
                }
                sent += chunk.count
                if !writer.send(chunk) || done { return }
            }
        }
    }
}
