import Templates

/// Discovery as kube-apiserver serves it: `/api` (APIVersions), `/api/v1` and `/apis/GROUP/VERSION`
/// (APIResourceList, with the subresources as `pods/log`, `pods/status`), `/apis` (APIGroupList), `/apis/GROUP`
/// (APIGroup), `/version`. Unknown paths get the mux's plain-text 404.
extension FakeKubeServer {
    func discovery(_ segments: [String]) -> FakeReply? {
        switch segments.count {
        case 0:
            return Self.reply(["paths": .array((["/api", "/api/v1", "/apis", "/version"] + groups.map { "/apis/\($0)" }).map { .string($0) })])
        case 1 where segments[0] == "version":
            return Self.reply(["major": "1", "minor": "31", "gitVersion": "v1.31.0-fake", "platform": "linux/amd64"])
        case 1 where segments[0] == "api":
            return Self.reply(["kind": "APIVersions", "versions": ["v1"],
                               "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string("127.0.0.1:\(port)")]]])
        case 2 where segments[0] == "api" && segments[1] == "v1":
            return Self.reply(resourceList("v1", includeAPIVersion: false))
        case 1 where segments[0] == "apis":
            return Self.reply(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map(group))])
        case 2 where segments[0] == "apis" && groups.contains(segments[1]):
            var g: JSONObject = ["kind": "APIGroup", "apiVersion": "v1"]
            for (k, v) in group(segments[1]).objectValue ?? [:] { g[k] = v }
            return Self.reply(.object(g))
        case 3 where segments[0] == "apis" && resources.contains(where: { $0.groupVersion == "\(segments[1])/\(segments[2])" }):
            return Self.reply(resourceList("\(segments[1])/\(segments[2])", includeAPIVersion: true))
        default:
            return nil
        }
    }

    var groups: [String] {
        var seen: [String] = []
        for r in resources where !r.group.isEmpty && !seen.contains(r.group) { seen.append(r.group) }
        return seen
    }

    func group(_ name: String) -> JSONValue {
        let version = resources.first { $0.group == name }!.version
        let gv: JSONValue = ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        return ["name": .string(name), "versions": [gv], "preferredVersion": gv]
    }

    func resourceList(_ groupVersion: String, includeAPIVersion: Bool) -> JSONValue {
        var list: [JSONValue] = []
        let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
        for r in resources where r.groupVersion == groupVersion {
            var entry: JSONObject = ["name": .string(r.plural), "singularName": .string(r.singular),
                                     "namespaced": .bool(r.namespaced), "kind": .string(r.kind), "verbs": verbs]
            if !r.shortNames.isEmpty { entry["shortNames"] = .array(r.shortNames.map { .string($0) }) }
            list.append(.object(entry))
            if r.hasStatusSubresource {
                list.append(["name": .string("\(r.plural)/status"), "singularName": "", "namespaced": .bool(r.namespaced),
                             "kind": .string(r.kind), "verbs": ["get", "patch", "update"]])
            }
            if r.plural == "pods" {
                list.append(["name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]])
            }
        }
        var o: JSONObject = ["kind": "APIResourceList"]
        if includeAPIVersion { o["apiVersion"] = "v1" }
        o["groupVersion"] = .string(groupVersion)
        o["resources"] = .array(list)
        return .object(o)
    }

    /// Writes an object's status as the kubelet or a controller would (a test's stand-in for them), with a new
    /// resourceVersion and a MODIFIED event.
    public func setStatus(_ plural: String, group: String = "", namespace: String?, name: String, _ status: JSONValue) {
        guard let r = resources.first(where: { $0.plural == plural && $0.group == group }) else { return }
        store.withLock {
            let t = FakeTarget(resource: r, namespace: namespace, name: name, subresource: "status")
            guard let current = store.object(t.key), case .object(var proposed) = current else { return }
            proposed["status"] = status
            _ = commit(t, current: current, proposed: proposed)
        }
    }
}
