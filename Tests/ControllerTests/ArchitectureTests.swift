import Foundation
import Testing

/// The layout is the architecture (docs/architecture.md): each part of `Sources/Controller` is a target, and the
/// compiler refuses an import that Package.swift does not allow. This pins the allowances themselves, so that no
/// one widens them by accident: the operator and the reconciler import no backend, and the local store does not
/// know the local node. A part's imports are read from its sources.
@Suite struct ArchitectureTests {
    /// The modules of this package and the libraries it builds on (system modules are not listed: any part may
    /// use Foundation, Glibc, Synchronization).
    static let governed: Set<String> = [
        "Templates", "Executor", "ClusterAPI", "LocalStore", "Kube", "Operator", "Cron", "Actions", "Reconciler",
        "ResourceTemplates", "LocalNode", "Controller", "CCurl", "CLinux", "CYAML", "GRDB", "Subprocess", "Logging",
        "DequeModule", "OrderedCollections", "System", "SystemPackage",
    ]

    static let allowed: [(part: String, imports: Set<String>)] = [
        ("ClusterAPI", ["Templates", "Logging", "DequeModule"]),
        ("LocalStore", ["Templates", "ClusterAPI", "GRDB"]),
        ("Kube", ["Templates", "ClusterAPI", "CCurl", "CLinux"]),
        ("Operator", ["Templates", "ClusterAPI"]),
        ("Cron", ["Templates", "ClusterAPI"]),
        ("Actions", ["Templates", "ClusterAPI", "Operator"]),
        ("Reconciler", ["Templates", "ClusterAPI", "Operator", "Cron", "Logging"]),
        ("ResourceTemplates", ["Templates", "ClusterAPI", "Executor", "Subprocess"]),
        ("LocalNode", [
            "Templates", "ClusterAPI", "LocalStore", "ResourceTemplates", "Executor", "CLinux", "Logging", "Subprocess",
            "System", "SystemPackage", "DequeModule",
        ]),
    ]

    static let controllerSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Controller")

    /// Every module a part's sources import, with the first file that does.
    static func imports(of part: String) throws -> [String: String] {
        let folder = controllerSources.appendingPathComponent(part)
        var found: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                let module = String(words[i + 1])
                if found[module] == nil { found[module] = "\(part)/\(file)" }
            }
        }
        return found
    }

    @Test(arguments: allowed.map(\.part))
    func aPartImportsOnlyWhatItMay(part: String) throws {
        let allowance = try #require(Self.allowed.first { $0.part == part }).imports
        let imports = try Self.imports(of: part)
        #expect(!imports.isEmpty, "no sources found for \(part) in \(Self.controllerSources.path)")
        for (module, file) in imports.sorted(by: { $0.key < $1.key }) where Self.governed.contains(module) {
            #expect(allowance.contains(module), "\(file) imports \(module), which \(part) must not use")
        }
    }

    /// The rules the design card states, spelled out so that a change to the table above has to face them.
    @Test func theOperatorAndTheStoreKnowNoBackendOrNode() {
        let backends: Set<String> = ["LocalStore", "LocalNode", "Kube", "Controller", "GRDB", "CCurl", "Subprocess"]
        for part in ["Operator", "Cron", "Reconciler", "Actions"] {
            let allowance = Self.allowed.first { $0.part == part }?.imports ?? []
            #expect(allowance.isDisjoint(with: backends), "\(part) may import \(allowance.intersection(backends))")
        }
        let store = Self.allowed.first { $0.part == "LocalStore" }?.imports ?? []
        #expect(!store.contains("LocalNode") && !store.contains("Reconciler") && !store.contains("Operator"))
    }
}
