import Testing
import TestSupport
@testable import Templates

/// SplitMix64 with a fixed seed: the same mutated inputs on every run.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

/// Bad input never traps: each input either loads (and converts, and decodes) or throws a Diagnostic.
@Suite struct YAMLFuzzTests {
    static func mutatedInputs() -> [[UInt8]] {
        var rng = SplitMix64(state: 0x5EED_A260_11FE)
        let sources = SharedData.exampleFiles().compactMap { try? SharedData.read(example: $0) }.map { Array($0.utf8) }
        guard !sources.isEmpty else { return [] }
        var out: [[UInt8]] = []
        for i in 0..<480 {
            var bytes = sources[rng.below(sources.count)]
            switch i % 4 {
            case 0:  // truncation
                bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            case 1:  // byte flips
                for _ in 0..<(1 + rng.below(8)) where !bytes.isEmpty {
                    bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
                }
            case 2:  // insertions of YAML-significant or random bytes
                let specials = Array(":-[]{}&*!|>'\"#%@`\t\n ?,<".utf8)
                for _ in 0..<(1 + rng.below(8)) {
                    let b = rng.below(2) == 0 ? specials[rng.below(specials.count)] : UInt8(truncatingIfNeeded: rng.next())
                    bytes.insert(b, at: rng.below(bytes.count + 1))
                }
            default:  // binary garbage
                bytes = (0..<rng.below(512)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            out.append(bytes)
        }
        return out
    }

    private func survive(_ bytes: [UInt8]) {
        do {
            for doc in try YAML.load(bytes: bytes) {
                _ = try? doc.toJSONValue()
                _ = try? YAMLDecoder().decode(JSONValue.self, from: doc)
                if let json = try? doc.toJSONValue() { _ = YAMLEmitter.emit(json) }
            }
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test(.needsSharedData) func mutatedExamplesNeverTrap() {
        let inputs = Self.mutatedInputs()
        #expect(inputs.count == 480)
        for input in inputs { survive(input) }
    }

    @Test(arguments: [10_000])
    func veryDeepNestingIsRefused(depth: Int) {
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Diagnostic.self) { try YAML.load(flow) }
        // indentation grows by one space per level, so each of these inputs is ~50 MB
        for item in ["a:\n", "-\n"] {
            var block = ""
            block.reserveCapacity(depth * (depth / 2 + 4))
            for level in 0..<depth { block += String(repeating: " ", count: level) + item }
            #expect(throws: Diagnostic.self) { try YAML.load(block) }
        }
    }

    @Test func tenMegabyteScalarLoads() throws {
        let big = String(repeating: "x", count: 10_000_000)
        let doc = try YAML.loadFirst("k: " + big + "\n")
        #expect(doc["k"]?.scalar?.text.utf8.count == 10_000_000)
    }

    @Test(arguments: [
        [0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xED, 0xA0, 0x80], [0x00],
    ] as [[UInt8]])
    func invalidUTF8IsAnError(bad: [UInt8]) {
        #expect(throws: Diagnostic.self) { try YAML.load(bytes: Array("key: ".utf8) + bad + Array("\n".utf8)) }
    }

    @Test func aliasBombsAreRefused() {
        let laughs = (1...9).map { i in
            "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ",") + "]"
        }
        let yaml = "l0: &l0 lol\n" + laughs.joined(separator: "\n")
        #expect(throws: Diagnostic.self) { try YAML.load(yaml) }
        // wide but legitimate reuse stays fine
        #expect(throws: Never.self) { try YAML.load("a: &a [1, 2]\nb: [*a, *a, *a]\n") }
    }
}
