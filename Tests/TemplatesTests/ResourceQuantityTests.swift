import Testing
import Templates

/// Kubernetes resource quantities, as `resources.limits` writes them.
struct ResourceQuantityTests {
    @Test(arguments: [
        ("64Mi", 64.0 * 1024 * 1024), ("1Gi", 1024.0 * 1024 * 1024), ("2Ki", 2048), ("500m", 0.5), ("1", 1),
        ("0.5", 0.5), ("1.5G", 1.5e9), ("100M", 1e8), ("2k", 2000), ("1e3", 1000), ("2E6", 2e6), ("250u", 0.00025),
        ("+3", 3), (" 7 ", 7),
    ] as [(String, Double)])
    func parses(text: String, value: Double) {
        #expect(ResourceQuantity(text)?.value == value)
    }

    @Test(arguments: ["", "Mi", "1.2.3", "abc", "12X", "0x10", "1e", "inf", "."])
    func refuses(text: String) {
        #expect(ResourceQuantity(text) == nil)
    }
}
