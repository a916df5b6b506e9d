import Foundation
import Templates
import ClusterAPI

/// Artifact references, as Argo's `wfScope.resolveArtifact` and `ProcessArgs` treat them. An artifact in scope
/// (`steps.X.outputs.artifacts.Y`, `tasks.X.outputs.artifacts.Y`, `inputs.artifacts.Z`,
/// `workflow.outputs.artifacts.G`) is kept in the string scope as its compact JSON: substituting `from:
/// "{{steps.X.outputs.artifacts.Y}}"` leaves that JSON in `from`, which is then read back as the artifact.
extension OperationContext {
    /// An artifact as it sits in the scope.
    static func scopeText(_ artifact: Artifact) -> String? {
        (try? JSONValue(encoding: artifact))?.compactJSON
    }

    /// The artifact a scope value (or a substituted `from`) holds; nil when it is not an artifact's JSON.
    static func artifact(fromScopeText text: String) -> Artifact? {
        guard text.hasPrefix("{"), let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(Artifact.self, from: data)
    }

    /// An argument artifact with its `from` resolved: the referenced artifact under the argument's name.
    /// Throws Argo's "Unable to resolve" when the reference did not resolve; nil for an optional one.
    func resolveArgumentArtifact(_ arg: Artifact, optional: Bool) throws -> Artifact? {
        guard let from = arg.from, !from.isEmpty else { return arg }
        guard var resolved = Self.artifact(fromScopeText: from) else {
            if optional || arg.optional == true { return nil }
            throw OperatorError("Unable to resolve: \(from)")
        }
        resolved.name = arg.name
        resolved.from = nil
        resolved.globalName = nil
        return resolved
    }

    /// Binds argument artifacts to a template's input artifacts (Argo's `ProcessArgs`): an input with its own
    /// location keeps it; otherwise the argument's artifact takes its place with the input's path and mode.
    func bindInputArtifacts(_ inputs: [Artifact], args: Arguments?) throws -> [Artifact] {
        var out = inputs
        for i in out.indices {
            let input = out[i]
            if Self.hasLocation(input) { continue }
            guard let given = args?.artifacts?.first(where: { $0.name == input.name }) else {
                if input.optional == true { continue }
                throw OperatorError("inputs.artifacts.\(input.name) was not supplied")
            }
            guard var arg = try resolveArgumentArtifact(given, optional: input.optional == true) else { continue }
            arg.path = input.path
            arg.mode = input.mode
            arg.recurseMode = input.recurseMode
            if arg.optional == nil { arg.optional = input.optional }
            out[i] = arg
        }
        return out
    }

    /// Argo's `HasLocationOrKey`: the artifact names a store of its own (archiveLogs alone is no location).
    static func hasLocation(_ a: Artifact) -> Bool {
        var location = a.location
        location.archiveLogs = nil
        return location != ArtifactLocation()
    }

    /// A Steps/DAG template's output artifact from `from` or `fromExpression` over the scope; nil when there is
    /// none (an expression that yields nil, or an optional reference that did not resolve).
    func resolveOutputArtifact(_ declared: Artifact, scope: [String: String]) -> Result<Artifact?, OperatorError> {
        let from = declared.from ?? "", expression = declared.fromExpression ?? ""
        if from.isEmpty && expression.isEmpty { return .success(nil) }
        if !from.isEmpty && !expression.isEmpty {
            return .failure(OperatorError("shouldn't have both `from` and `fromExpression` in Artifact"))
        }
        var found: Artifact?
        if !expression.isEmpty {
            var full = globalParams
            for (k, v) in scope { full[k] = v }
            do throws(Diagnostic) {
                let result = try ExprProgram.parse(expression).evaluate(Substitution.environment(from: full))
                switch result {
                case .null: return .success(nil)
                case .string(let text): found = Self.artifact(fromScopeText: text)
                case .object: found = try? JSONDecoder().decode(Artifact.self, from: Data(result.compactJSON.utf8))
                default: break
                }
                if found == nil {
                    return .failure(OperatorError("invalid artifact type from expression \"\(expression)\": \(GoText.v(result))"))
                }
            } catch {
                return .failure(OperatorError(error.message))
            }
        } else {
            // A reference to `inputs.artifacts.*` was already substituted with the artifact itself.
            var key = from.trimmingSpaces
            if let substituted = Self.artifact(fromScopeText: key) { found = substituted; key = "" }
            if key.hasPrefix("{{") && key.hasSuffix("}}") { key = String(key.dropFirst(2).dropLast(2)).trimmingSpaces }
            found = found ?? scope[key].flatMap(Self.artifact(fromScopeText:)) ?? globalParams[key].flatMap(Self.artifact(fromScopeText:))
            if found == nil {
                if declared.optional == true { return .success(nil) }
                return .failure(OperatorError("Unable to resolve: \(from)"))
            }
        }
        guard var artifact = found else { return .success(nil) }
        artifact.name = declared.name
        artifact.globalName = declared.globalName
        return .success(artifact)
    }
}
