@main
struct Bench {
    static func main() async throws {
        print("argo-lite-bench: no benchmarks yet")
    }
}
