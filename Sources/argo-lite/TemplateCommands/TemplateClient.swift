import ArgumentParser
import Controller
import Foundation
import Templates

/// Stored-template access for the `template` and `cluster-template` commands: reading and checking manifest
/// files, the API calls, and argo's printing. Errors are worded as the Kubernetes API words them.
struct TemplateClient<Kind: StoredTemplateKind>: Sendable {
    let cluster: any Cluster
    let namespace: String

    /// Where the kind lives: the command's namespace, or nowhere for cluster-scoped templates.
    var scope: String? { Kind.isNamespaced ? namespace : nil }

    /// The files' templates of this kind, linted with the templates already stored (a templateRef may name one),
    /// namespaced into the command's namespace when they name none. Any finding refuses them all; `action` words
    /// the refusal ("create", "update").
    func read(_ files: [String], strict: Bool, action: String) async throws(CLIError) -> [JSONValue] {
        var sources: [LintSource] = []
        for file in files {
            let text = try Manifests.read(file)
            _ = try Manifests.documents(text: text, file: file)  // YAML syntax first
            sources.append(LintSource(file: file, text: text))
        }
        let report = Linter.lint(sources, strict: strict, stored: try await stored())
        let findings = report.files.flatMap(\.findings).map(\.diagnostic.description)
        if !findings.isEmpty {
            throw CLIError("Failed to \(action) \(Kind.noun): " + findings.joined(separator: "\n"))
        }
        var out: [JSONValue] = []
        for source in sources {
            for var object in try Manifests.objects(ofKind: Kind.kind, text: source.text, file: source.file) {
                if Kind.isNamespaced, (object["metadata"]?["namespace"]?.stringValue ?? "").isEmpty {
                    object["metadata"]?["namespace"] = .string(namespace)
                }
                out.append(object)
            }
        }
        if out.isEmpty { throw CLIError(Kind.noneInFiles) }
        return out
    }

    /// Both kinds as stored, for linting what refers to them.
    func stored() async throws(CLIError) -> StoredTemplates {
        do {
            return try await StoredTemplates.read(from: cluster, namespace: namespace)
        } catch {
            throw CLIError(error.description)
        }
    }

    func create(_ object: JSONValue) async throws(CLIError) -> JSONValue {
        do { return try await cluster.create(Kind.resource, object) } catch { throw Self.apiError(error) }
    }

    func get(_ name: String) async throws(CLIError) -> JSONValue {
        do { return try await cluster.get(Kind.resource, namespace: scope, name: name) } catch { throw Self.apiError(error) }
    }

    /// The stored template named as `object` is, replaced by `object` (a newer write in between is overwritten,
    /// as `argo template update` overwrites it).
    func update(_ object: JSONValue) async throws(CLIError) -> JSONValue {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        for _ in 0..<20 {
            var replacement = object
            replacement["metadata"]?["resourceVersion"] = try await get(name)["metadata"]?["resourceVersion"]
            do {
                return try await cluster.update(Kind.resource, replacement)
            } catch .conflict {
                continue
            } catch {
                throw Self.apiError(error)
            }
        }
        throw CLIError("\(Kind.resource) \"\(name)\" changed too often to update; try again")
    }

    func list(allNamespaces: Bool, selector: LabelSelector? = nil) async throws(CLIError) -> [JSONValue] {
        do {
            return try await cluster.list(Kind.resource, namespace: allNamespaces ? nil : scope, labelSelector: selector).items
        } catch {
            throw Self.apiError(error)
        }
    }

    func delete(_ name: String) async throws(CLIError) {
        do { try await cluster.delete(Kind.resource, namespace: scope, name: name) } catch { throw Self.apiError(error) }
    }

    /// The API server's own words (`workflowtemplates.argoproj.io "x" not found`), as argo prints them.
    static func apiError(_ error: ClusterError) -> CLIError {
        switch error {
        case .notFound(let m), .alreadyExists(let m), .conflict(let m), .invalid(let m): return CLIError(m)
        default: return CLIError(error.description)
        }
    }

    /// One object as argo prints it, by `-o`.
    static func printed(_ object: JSONValue, output: String, env: CLIEnvironment) throws(CLIError) -> String {
        switch output {
        case "name": return (object["metadata"]?["name"]?.stringValue ?? "") + "\n"
        case "json": return ObjectText.json(object)
        case "yaml": return try ObjectText.yaml(object)
        default: return Kind.describe(object, env: env)
        }
    }

    /// The formats argo prints one template in.
    static func checkOutput(_ output: String) throws {
        if !["", "name", "json", "yaml", "wide"].contains(output) {
            throw ValidationError("unknown output format \"\(output)\": use name, json, yaml or wide")
        }
    }
}
