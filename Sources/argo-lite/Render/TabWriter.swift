import Controller

/// Go's `text/tabwriter` with `flags == 0` and a space pad character, as the argo CLI uses it to align its tables.
///
/// Cells are tab-terminated; the last cell of a line is not part of any column. A column's width is the widest
/// cell in a run of consecutive lines that all have a cell in that column, plus `padding`. Width is counted in
/// Unicode scalars (Go counts runes), so ANSI colour codes count too — argo relies on that by colouring every row.
struct TabWriter {
    let minWidth: Int
    let padding: Int
    private var text = ""

    init(minWidth: Int = 0, padding: Int) {
        self.minWidth = minWidth
        self.padding = padding
    }

    mutating func write(_ s: String) { text += s }

    /// Formats everything written so far.
    func flush() -> String {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trailing = parts.removeLast()  // text after the last newline (a partial line)
        var lines = parts.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let hasPartial = !trailing.isEmpty
        if hasPartial { lines.append(trailing.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)) }
        var out = ""
        var widths: [Int] = []
        format(lines, 0, lines.count, &widths, &out, partialLast: hasPartial)
        return out
    }

    private func format(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: inout [Int], _ out: inout String,
                        partialLast: Bool) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(lines, line0, this, widths, &out, partialLast: partialLast)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].unicodeScalars.count + padding)
                this += 1
            }
            widths.append(width)
            format(lines, line0, this, &widths, &out, partialLast: partialLast)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines, line0, end, widths, &out, partialLast: partialLast)
    }

    private func writeLines(_ lines: [[String]], _ from: Int, _ to: Int, _ widths: [Int], _ out: inout String,
                            partialLast: Bool) {
        guard from < to else { return }
        for i in from..<to {
            for (j, cell) in lines[i].enumerated() {
                out += cell
                if j < widths.count {
                    let pad = widths[j] - cell.unicodeScalars.count
                    if pad > 0 { out += String(repeating: " ", count: pad) }
                }
            }
            if !(partialLast && i == lines.count - 1) { out += "\n" }
        }
    }
}
