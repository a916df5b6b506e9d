import ClusterAPI
/// The part of kubectl's command line a Resource template's `flags` may carry: the resource argument
/// (`pod NAME`, `pod/NAME`, `configmap`), `-n/--namespace`, `-l/--selector`, `--all`, `--ignore-not-found`.
/// Other flags (`--wait`, `--cascade`, `--grace-period`, `--force`, `--overwrite`, ...) change nothing in the
/// local store and are accepted and ignored.
struct KubectlFlags: Equatable {
    var type: String?
    var names: [String] = []
    var namespace: String?
    var selector: String?
    var all = false

    init(_ flags: [String]) throws(ResourceActionError) {
        var i = 0
        var positional: [String] = []
        func value(_ flag: String) throws(ResourceActionError) -> String {
            i += 1
            guard i < flags.count else { throw .badTemplate("resource.flags: \(flag) needs a value") }
            return flags[i]
        }
        while i < flags.count {
            let f = flags[i]
            if let eq = f.firstIndex(of: "="), f.hasPrefix("--") {
                let name = String(f[..<eq]), v = String(f[f.index(after: eq)...])
                switch name {
                case "--namespace": namespace = v
                case "--selector": selector = v
                default: break
                }
            } else {
                switch f {
                case "-n", "--namespace": namespace = try value(f)
                case "-l", "--selector": selector = try value(f)
                case "--all": all = true
                case "--ignore-not-found", "--wait", "--force", "--overwrite": break
                case "-o", "--output", "--cascade", "--grace-period", "--timeout", "--field-manager":
                    _ = try value(f)
                default:
                    if f.hasPrefix("-") { break }
                    positional.append(f)
                }
            }
            i += 1
        }
        for p in positional {
            if let slash = p.firstIndex(of: "/") {
                type = String(p[..<slash])
                names.append(String(p[p.index(after: slash)...]))
            } else if type == nil {
                type = p
            } else {
                names.append(p)
            }
        }
    }

    /// The kind the type argument names.
    func kind() throws(ResourceActionError) -> ResourceKind? {
        guard let type else { return nil }
        guard let kind = ResourceKind(kubectlType: type) else {
            throw .badTemplate("resource.flags: the server doesn't have a resource type \"\(type)\" (argo-lite knows the "
                + "built-in kinds and Argo's; name other kinds in resource.manifest with apiVersion and kind)")
        }
        return kind
    }
}
