import Templates
import ClusterAPI

/// `withItems`, `withParam` and `withSequence` expansion, with Argo's child names (`name(i:item)`) and
/// `{{item}}` / `{{item.key}}` substitution.
enum Loops {
    static func shouldExpand(withItems: [JSONValue]?, withParam: String?, withSequence: Sequence?) -> Bool {
        !(withItems ?? []).isEmpty || !(withParam ?? "").isEmpty || withSequence != nil
    }

    static func items(withItems: [JSONValue]?, withParam: String?, withSequence: Sequence?) throws -> [JSONValue] {
        if let items = withItems, !items.isEmpty { return items }
        if let param = withParam, !param.isEmpty {
            guard let parsed = Placeholders.parseJSON(param), case .array(let list) = parsed else {
                throw OperatorError("withParam value could not be parsed as a JSON list: \(param.trimmingSpaces)")
            }
            return list
        }
        if let seq = withSequence { return try sequence(seq) }
        return []
    }

    static func sequence(_ seq: Sequence) throws -> [JSONValue] {
        func int(_ v: IntOrString?, _ field: String) throws -> Int? {
            guard let v else { return nil }
            guard let i = v.intValue else { throw OperatorError("withSequence.\(field) '\(v)' is not an integer") }
            return i
        }
        let start = try int(seq.start, "start") ?? 0
        let end: Int
        if let e = try int(seq.end, "end") {
            end = e
        } else if let count = try int(seq.count, "count") {
            if count == 0 { return [] }
            end = start + count - 1
        } else {
            throw OperatorError("neither end nor count was specified in withSequence")
        }
        let format = seq.format ?? "%d"
        let values = start <= end ? Array(start...end) : Array((end...start).reversed())
        return values.map { .string(printf(format, $0)) }
    }

    /// Go's `fmt.Sprintf(format, i)` for the integer verbs sequences use: `%d`, `%5d`, `%05d`, `%x`.
    static func printf(_ format: String, _ value: Int) -> String {
        var out = ""
        let chars = Array(format)
        var i = 0
        while i < chars.count {
            guard chars[i] == "%", i + 1 < chars.count else { out.append(chars[i]); i += 1; continue }
            var j = i + 1
            if chars[j] == "%" { out.append("%"); i = j + 1; continue }
            var zero = false
            if chars[j] == "0" { zero = true; j += 1 }
            var width = 0
            while j < chars.count, let d = chars[j].wholeNumberValue { width = width * 10 + d; j += 1 }
            guard j < chars.count else { break }
            var text: String
            switch chars[j] {
            case "x": text = String(value, radix: 16)
            case "X": text = String(value, radix: 16, uppercase: true)
            case "o": text = String(value, radix: 8)
            default: text = String(value)
            }
            if text.count < width {
                let pad = String(repeating: zero ? "0" : " ", count: width - text.count)
                if zero && text.hasPrefix("-") { text = "-" + pad + text.dropFirst() } else { text = pad + text }
            }
            out += text
            i = j + 1
        }
        return out
    }

    /// The `(i:desc)` part of a loop child's name and the `{{item...}}` values for one item.
    static func describe(_ item: JSONValue, index: Int) throws -> (name: String, scope: [String: String]) {
        switch item {
        case .string, .int, .double, .bool:
            return (item.argoString, ["item": item.argoString])
        case .object(let obj):
            var scope: [String: String] = [:]
            var vals: [String] = []
            for (k, v) in obj {
                scope["item.\(k)"] = v.argoString
                vals.append("\(k):\(v.argoString)")
            }
            var sorted = obj
            sorted.sort { $0.key < $1.key }
            scope["item"] = JSONValue.object(sorted).compactJSON
            return (vals.sorted().joined(separator: ","), scope)
        case .array(let list):
            let text = JSONValue.array(list).compactJSON
            return (text, ["item": text])
        case .null:
            throw OperatorError("withItems[\(index)] expected string, number, list, or map. received: null")
        }
    }

    /// Expands a step or task: one copy per item, named `name(i:desc)`, with `{{item}}` substituted.
    static func expand<T: Codable>(_ value: T, name: String, items: [JSONValue],
                                   rename: (inout T, String) -> Void) throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let (desc, scope) = try describe(item, index: i)
            var copy = try Placeholders.substitute(value, scope)
            rename(&copy, NodeNames.loopChild(name, index: i, item: desc))
            out.append(copy)
        }
        return out
    }

    /// The loop index in a child's display name `name(3:foo)`.
    static func index(of displayName: String) -> Int {
        guard let open = displayName.firstIndex(of: "(") else { return 0 }
        let digits = displayName[displayName.index(after: open)...].prefix(while: { $0.isNumber })
        return Int(digits) ?? 0
    }
}
