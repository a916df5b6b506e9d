/// Validation of CronWorkflow schedules, as robfig/cron's `ParseStandard` (which Argo uses) accepts them:
/// five fields or a descriptor (`@daily`, `@every 1h`), optionally after `CRON_TZ=`/`TZ=`.
enum CronSchedule {
    private static let descriptors: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
    private static let bounds: [(min: Int, max: Int, names: [String: Int])] = [
        (0, 59, [:]), (0, 23, [:]), (1, 31, [:]),
        (1, 12, ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]),
        (0, 6, ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]),
    ]

    /// nil when `spec` parses; otherwise robfig/cron's error text.
    static func error(in spec: String) -> String? {
        var s = spec.trimmingSpaces
        if s.hasPrefix("TZ=") || s.hasPrefix("CRON_TZ=") {
            guard let space = s.firstIndex(of: " ") else { return "provided bad location \(s): unknown time zone" }
            s = String(s[s.index(after: space)...]).trimmingSpaces
        }
        if s.hasPrefix("@") {
            if descriptors.contains(s) { return nil }
            if s.hasPrefix("@every ") {
                let d = String(s.dropFirst(7)).trimmingSpaces
                return isGoDuration(d) ? nil : "failed to parse duration \(s): time: invalid duration \"\(d)\""
            }
            return "unrecognized descriptor: \(s)"
        }
        let fields = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields.count != 5 {
            return "expected exactly 5 fields, found \(fields.count): [\(fields.joined(separator: " "))]"
        }
        for (field, b) in zip(fields, bounds) {
            for part in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let e = rangeError(part, b.min, b.max, b.names) { return e }
            }
        }
        return nil
    }

    private static func rangeError(_ expr: String, _ min: Int, _ max: Int, _ names: [String: Int]) -> String? {
        let stepParts = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard stepParts.count <= 2 else { return "too many slashes: \(expr)" }
        let lowHigh = stepParts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard lowHigh.count <= 2 else { return "too many hyphens: \(expr)" }
        func value(_ s: String) -> (Int?, String?) {
            if let n = names[s.lowercased()] { return (n, nil) }
            guard let n = Int(s), n >= 0 else {
                return (nil, "failed to parse int from \(s): strconv.Atoi: parsing \"\(s)\": invalid syntax")
            }
            return (n, nil)
        }
        var start = min, end = max
        if lowHigh[0] != "*" && lowHigh[0] != "?" {
            let (low, lowError) = value(lowHigh[0])
            guard let low else { return lowError }
            start = low
            end = low
            if lowHigh.count == 2 {
                let (high, highError) = value(lowHigh[1])
                guard let high else { return highError }
                end = high
            }
        } else if lowHigh.count == 2 {
            return "failed to parse int from \(lowHigh[1])"
        }
        if stepParts.count == 2 {
            guard let step = Int(stepParts[1]) else {
                return "failed to parse int from \(stepParts[1]): strconv.Atoi: parsing \"\(stepParts[1])\": invalid syntax"
            }
            if step <= 0 { return "step of range should be a positive number: \(expr)" }
        }
        if start < min { return "beginning of range (\(start)) below minimum (\(min)): \(expr)" }
        if end > max { return "end of range (\(end)) above maximum (\(max)): \(expr)" }
        if start > end { return "beginning of range (\(start)) beyond end of range (\(end)): \(expr)" }
        return nil
    }

    /// Go's `time.ParseDuration` syntax: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs ms s m h.
    static func isGoDuration(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        guard !rest.isEmpty else { return false }
        let units = ["ns", "us", "µs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let num = rest.prefix { $0.isNumber || $0 == "." }
            guard !num.isEmpty, num != "." else { return false }
            rest = rest.dropFirst(num.count)
            guard let unit = units.sorted(by: { $0.count > $1.count }).first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
