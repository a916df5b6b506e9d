// robfig/cron v3's `ParseStandard` (the parser Argo uses; the one parser of schedules: lint's check and the
// cron controller's `CronScheduleSpec` both go through it): five fields (minute hour day-of-month month
// day-of-week; the seconds field is fixed at 0) or a descriptor, optionally after `CRON_TZ=Zone ` / `TZ=Zone `.
// Fields become bit sets; a field written with `*` or `?` (and no step above 1) also carries the star bit, which
// decides how day-of-month and day-of-week combine.

/// A schedule parse error, worded as robfig/cron's (e.g. `expected exactly 5 fields, found 4: [* * * *]`).
public struct CronScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One field's bounds and names, as robfig's `bounds`.
public struct CronBounds: Sendable {
    let min: UInt
    let max: UInt
    let names: [String: UInt]

    static let second = CronBounds(min: 0, max: 59, names: [:])
    static let minute = CronBounds(min: 0, max: 59, names: [:])
    static let hour = CronBounds(min: 0, max: 23, names: [:])
    static let dayOfMonth = CronBounds(min: 1, max: 31, names: [:])
    static let month = CronBounds(min: 1, max: 12, names: [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ])
    static let dayOfWeek = CronBounds(min: 0, max: 6, names: [
        "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
    ])

    /// Every value, plus the star bit (robfig's `all`).
    var all: UInt64 { CronParser.bits(min, max, 1) | CronParser.starBit }
    /// Only the minimum (robfig's `1 << bounds.min`).
    var first: UInt64 { 1 << UInt64(min) }
}

/// A parsed schedule.
public enum CronRule: Sendable, Equatable {
    /// robfig's `SpecSchedule`: bit sets, evaluated in `zone`.
    case fields(CronFields)
    /// robfig's `ConstantDelaySchedule`: every `seconds` (at least 1), time zone ignored.
    case every(seconds: Int64)
}

public struct CronFields: Sendable, Equatable {
    public var second, minute, hour, dayOfMonth, month, dayOfWeek: UInt64
}

public enum CronParser {
    public static let starBit: UInt64 = 1 << 63

    /// Parses `spec` as `cron.ParseStandard` does. `defaultZone` is the zone used when the text names none;
    /// `loadZone` resolves a `CRON_TZ=`/`TZ=` name (nil: unknown), before the fields are read, as robfig does.
    public static func parse<Zone>(_ spec: String, defaultZone: Zone, loadZone: (String) -> Zone?)
        throws(CronScheduleError) -> (CronRule, Zone)
    {
        if spec.isEmpty { throw CronScheduleError("empty spec string") }
        var zone = defaultZone
        var rest = Substring(spec)
        if spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=") {
            // robfig slices between the first "=" and the first space (and panics without a space).
            guard let space = spec.firstIndex(of: " "), let eq = spec.firstIndex(of: "="), eq < space else {
                throw CronScheduleError("provided bad location \(spec): unknown time zone")
            }
            let name = String(spec[spec.index(after: eq)..<space])
            guard let loaded = loadZone(name) else {
                throw CronScheduleError("provided bad location \(name): unknown time zone \(name)")
            }
            zone = loaded
            // Go's `strings.TrimSpace` (Unicode white space, as Foundation's `.whitespacesAndNewlines`).
            let after = spec[space...]
            rest = after.drop(while: \.isWhitespace)
            while let last = rest.last, last.isWhitespace { rest = rest.dropLast() }
        }
        if rest.hasPrefix("@") { return (try descriptor(String(rest)), zone) }
        let fields = rest.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard fields.count == 5 else {
            throw CronScheduleError("expected exactly 5 fields, found \(fields.count): [\(fields.joined(separator: " "))]")
        }
        return (.fields(CronFields(
            second: 1,
            minute: try field(fields[0], .minute), hour: try field(fields[1], .hour),
            dayOfMonth: try field(fields[2], .dayOfMonth), month: try field(fields[3], .month),
            dayOfWeek: try field(fields[4], .dayOfWeek)
        )), zone)
    }

    public static func descriptor(_ text: String) throws(CronScheduleError) -> CronRule {
        let (s, m, h, dom, mon, dow) = (CronBounds.second, CronBounds.minute, CronBounds.hour,
                                        CronBounds.dayOfMonth, CronBounds.month, CronBounds.dayOfWeek)
        switch text {
        case "@yearly", "@annually":
            return .fields(CronFields(second: s.first, minute: m.first, hour: h.first, dayOfMonth: dom.first, month: mon.first, dayOfWeek: dow.all))
        case "@monthly":
            return .fields(CronFields(second: s.first, minute: m.first, hour: h.first, dayOfMonth: dom.first, month: mon.all, dayOfWeek: dow.all))
        case "@weekly":
            return .fields(CronFields(second: s.first, minute: m.first, hour: h.first, dayOfMonth: dom.all, month: mon.all, dayOfWeek: dow.first))
        case "@daily", "@midnight":
            return .fields(CronFields(second: s.first, minute: m.first, hour: h.first, dayOfMonth: dom.all, month: mon.all, dayOfWeek: dow.all))
        case "@hourly":
            return .fields(CronFields(second: s.first, minute: m.first, hour: h.all, dayOfMonth: dom.all, month: mon.all, dayOfWeek: dow.all))
        default: break
        }
        let every = "@every "
        guard text.hasPrefix(every) else { throw CronScheduleError("unrecognized descriptor: \(text)") }
        switch GoDurationText.parse(String(text.dropFirst(every.count))) {
        case .failure(let e): throw CronScheduleError("failed to parse duration \(text): \(e.description)")
        case .success(let nanos):
            // robfig's `Every`: below a second becomes a second; otherwise rounded down to whole seconds.
            let seconds = nanos < 1_000_000_000 ? 1 : nanos / 1_000_000_000
            return .every(seconds: seconds)
        }
    }

    /// A comma-separated list of ranges (empty items are skipped, as `strings.FieldsFunc` does).
    static func field(_ text: String, _ bounds: CronBounds) throws(CronScheduleError) -> UInt64 {
        var result: UInt64 = 0
        for part in text.split(separator: ",") { result |= try range(String(part), bounds) }
        return result
    }

    /// `number | number "-" number [ "/" number ]`, `*` and `?`, with robfig's checks in robfig's order.
    static func range(_ expr: String, _ r: CronBounds) throws(CronScheduleError) -> UInt64 {
        let rangeAndStep = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var start: UInt, end: UInt, step: UInt = 1
        var extra: UInt64 = 0
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            (start, end, extra) = (r.min, r.max, starBit)
        } else {
            start = try intOrName(lowAndHigh[0], r.names)
            switch lowAndHigh.count {
            case 1: end = start
            case 2: end = try intOrName(lowAndHigh[1], r.names)
            default: throw CronScheduleError("too many hyphens: \(expr)")
            }
        }
        switch rangeAndStep.count {
        case 1: break
        case 2:
            step = try nonNegativeInt(rangeAndStep[1])
            if lowAndHigh.count == 1 { end = r.max }  // "N/step" means "N-max/step"
            if step > 1 { extra = 0 }
        default: throw CronScheduleError("too many slashes: \(expr)")
        }
        if start < r.min { throw CronScheduleError("beginning of range (\(start)) below minimum (\(r.min)): \(expr)") }
        if end > r.max { throw CronScheduleError("end of range (\(end)) above maximum (\(r.max)): \(expr)") }
        if start > end { throw CronScheduleError("beginning of range (\(start)) beyond end of range (\(end)): \(expr)") }
        if step == 0 { throw CronScheduleError("step of range should be a positive number: \(expr)") }
        return bits(start, end, step) | extra
    }

    static func intOrName(_ text: String, _ names: [String: UInt]) throws(CronScheduleError) -> UInt {
        if let n = names[text.lowercased()] { return n }
        return try nonNegativeInt(text)
    }

    /// `strconv.Atoi` plus robfig's negative check, with their error texts.
    static func nonNegativeInt(_ text: String) throws(CronScheduleError) -> UInt {
        let digits = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CronScheduleError("failed to parse int from \(text): strconv.Atoi: parsing \(GoText.quote(text)): invalid syntax")
        }
        guard let n = Int(text) else {
            throw CronScheduleError("failed to parse int from \(text): strconv.Atoi: parsing \(GoText.quote(text)): value out of range")
        }
        if n < 0 { throw CronScheduleError("negative number (\(n)) not allowed: \(text)") }
        return UInt(n)
    }

    /// Bits `min...max` stepping by `step` (both bounds are at most 63 here).
    static func bits(_ min: UInt, _ max: UInt, _ step: UInt) -> UInt64 {
        var out: UInt64 = 0
        var i = min
        while i <= max && i < 64 {
            out |= 1 << UInt64(i)
            i += step
        }
        return out
    }
}
