import Subprocess
import Templates
import ClusterAPI

/// A Resource template's output parameters, read from the object: `valueFrom.jsonPath` (kubectl's JSONPath
/// template) or `valueFrom.jqFilter` (jq; Argo runs gojq in-process, argo-lite runs the host's `jq -r -c`: strings
/// raw, other values as compact JSON, one per line, trimmed). Other parameters pass through unchanged.
enum ResourceOutputs {
    static func collect(_ specs: [JSONValue], from object: JSONValue) async throws(ResourceActionError) -> [JSONValue] {
        var out: [JSONValue] = []
        for spec in specs {
            guard case .object(let param) = spec else { out.append(spec); continue }
            let name = param["name"]?.stringValue ?? ""
            let value: String
            if let path = param["valueFrom"]?["jsonPath"]?.stringValue, !path.isEmpty {
                do {
                    value = try KubeJSONPath.evaluate(path, on: object)
                } catch {
                    throw .output("output parameter \(name): \(error.message)")
                }
            } else if let filter = param["valueFrom"]?["jqFilter"]?.stringValue, !filter.isEmpty {
                value = try await jq(filter, object, parameter: name)
            } else {
                out.append(spec)
                continue
            }
            var ordered: JSONObject = ["name": .string(name), "value": .string(value)]
            for (k, v) in param where k != "name" && k != "value" { ordered[k] = v }
            out.append(.object(ordered))
        }
        return out
    }

    static func jq(_ filter: String, _ object: JSONValue, parameter: String) async throws(ResourceActionError) -> String {
        let outcome: (ok: Bool, out: String, err: String)
        do {
            let result = try await Subprocess.run(
                .name("jq"), arguments: ["-r", "-c", filter], input: .string(object.compactJSON),
                output: .string(limit: 16 << 20), error: .string(limit: 1 << 16))
            let ok = if case .exited(0) = result.terminationStatus { true } else { false }
            outcome = (ok, result.standardOutput, result.standardError)
        } catch {
            throw .output("output parameter \(parameter): jqFilter needs jq on the host PATH: \(error)")
        }
        guard outcome.ok else {
            throw .output("output parameter \(parameter): jqFilter '\(filter)': \(outcome.err.trimmingSpaces)")
        }
        return outcome.out.trimmingSpaces
    }
}
