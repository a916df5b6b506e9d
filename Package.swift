// swift-tools-version: 6.2
import PackageDescription

// `ARGO_LITE_TSAN=1 swift build --sanitize=thread` (docs/swift-release-crash.md): the sanitizer's runtime cannot be
// linked into a static executable, so argo-lite-executor is linked dynamically, and `Locked` uses locks that
// ThreadSanitizer can see.
let forTSan = Context.environment["ARGO_LITE_TSAN"] != nil
let staticExecutor = !forTSan
// `ARGO_LITE_FUZZ=1 swift build --product argo-lite-fuzz -Xswiftc -sanitize=fuzzer`: the libFuzzer target over the
// loader and lint (docs/fuzzing.md). It links only in such builds.
let fuzzing = Context.environment["ARGO_LITE_FUZZ"] != nil

/// A part of the controller: a target whose sources are `Sources/Controller/<folder>`.
func controllerPart(_ name: String, _ dependencies: [Target.Dependency], folder: String? = nil) -> Target {
    .target(
        name: name, dependencies: dependencies, path: "Sources/Controller/\(folder ?? name)",
        swiftSettings: forTSan ? [.define("TSAN_VISIBLE_LOCKS")] : []
    )
}

let package = Package(
    name: "argo-lite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "argo-lite", targets: ["argo-lite"]),
        .executable(name: "argo-lite-executor", targets: ["argo-lite-executor"]),
        .library(name: "Templates", targets: ["Templates"]),
        .library(name: "Controller", targets: ["Controller"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        // C system libraries.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Typed wrappers for the Linux calls a container runtime makes (pivot_root, capabilities, prctl).
        .systemLibrary(name: "CLinux"),

        // Pure: the Argo spec, YAML, validation, substitution, expressions, node naming. No I/O, no clock.
        .target(
            name: "Templates",
            dependencies: [
                "CYAML",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // What runs inside a pod: the emissary (tee, outputs.result, output parameters, task result), mounts,
        // argosay. Foundation-free (FoundationEssentials only) so that its binary starts fast.
        .target(
            name: "Executor",
            dependencies: [
                "Templates",
                "CLinux",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // Everything that acts, as targets under Sources/Controller so that the compiler keeps the parts apart
        // (docs/architecture.md): the operator imports no backend; the local store does not know the local node.
        // The cluster API: the `Cluster` protocol, kinds, selectors, patches, leases, informers, the work queue.
        controllerPart("ClusterAPI", [
            "Templates",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        // The local default's API server: `LocalCluster` on SQLite.
        controllerPart("LocalStore", ["Templates", "ClusterAPI", .product(name: "GRDB", package: "GRDB.swift")]),
        // The Kubernetes API server's client: REST over libcurl.
        controllerPart("Kube", ["Templates", "ClusterAPI", "CCurl", "CLinux"]),
        // Pure: one reconcile of one workflow (Argo's workflow/controller operator), and the cron core.
        controllerPart("Operator", ["Templates", "ClusterAPI"]),
        controllerPart("Cron", ["Templates", "ClusterAPI"]),
        // Pure: what commands do to stored workflows (retry, resubmit, suspend...), for the CLI and the server.
        controllerPart("Actions", ["Templates", "ClusterAPI", "Operator"]),
        // The reconciler: informers -> queue -> sync -> operate -> actions and status through `Cluster`; GC; cron.
        controllerPart("Reconciler", [
            "Templates", "ClusterAPI", "Operator", "Cron", .product(name: "Logging", package: "swift-log"),
        ]),
        // Resource templates (`argo-lite emissary resource`): kubectl's verbs through `Cluster`.
        controllerPart("ResourceTemplates", [
            "Templates", "ClusterAPI", "Executor", .product(name: "Subprocess", package: "swift-subprocess"),
        ]),
        // The local node: the kubelet of the local default (launcher, isolation, image catalog, adoption, volumes).
        controllerPart("LocalNode", [
            "Templates", "ClusterAPI", "LocalStore", "ResourceTemplates", "Executor", "CLinux",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        // The local default put together (store + node + controllers under a lease), and every part re-exported.
        controllerPart("Controller", [
            "Templates", "ClusterAPI", "LocalStore", "Kube", "Operator", "Cron", "Actions", "Reconciler",
            "ResourceTemplates", "LocalNode", "Executor", .product(name: "Logging", package: "swift-log"),
        ], folder: "Runtime"),
        // `argo-lite server`: the Argo Server REST API (/api/v1/...) over a Cluster, on Hummingbird.
        .target(
            name: "Server",
            dependencies: [
                "Templates",
                "Controller",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line tool: thin commands over Controller.
        .executableTarget(
            name: "argo-lite",
            dependencies: [
                "Templates",
                "Controller",
                "Server",
                "Executor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The in-pod binary, fully static (no dynamic loader work per pod: ~1 ms to start). --eh-frame-hdr keeps
        // unwinding (crash backtraces) from sorting every frame description first.
        .executableTarget(
            name: "argo-lite-executor",
            dependencies: ["Executor"],
            linkerSettings: staticExecutor ? [
                .unsafeFlags(["-static-executable", "-Xlinker", "--eh-frame-hdr"], .when(platforms: [.linux])),
                // FoundationEssentials.a needs these after itself on the link line, where the driver does not put them.
                .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
                .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
            ] : []
        ),
        // Benchmarks: `swift run -c release argo-lite-bench` (see README).
        .executableTarget(
            name: "argo-lite-bench",
            dependencies: ["Templates", "Controller", "Executor"],
            path: "bench"
        ),
        // Shared helpers for the test targets (locating ../shared test data).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The system OpenSSL (libssl-dev), only for the fake Kubernetes API server's TLS listener.
        .systemLibrary(name: "COpenSSL", path: "Tests/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // A fake Kubernetes API server on 127.0.0.1 that the Kubernetes tests start themselves (plain HTTP or HTTPS).
        .target(name: "KubeFake", dependencies: ["Controller", "Kube", "Templates", "COpenSSL"], path: "Tests/KubeFake"),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "TestSupport"]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "ClusterAPI", "LocalStore", "Kube", "Operator", "Cron", "Actions", "Reconciler", "ResourceTemplates", "LocalNode", "Executor", "Templates", "TestSupport", "KubeFake"]),
        .testTarget(name: "CLITests", dependencies: [
            "argo-lite", "Controller", "ClusterAPI", "LocalStore", "Kube", "Operator", "Cron", "Actions", "Reconciler", "ResourceTemplates", "LocalNode", "Executor", "Templates", "TestSupport", "KubeFake",
        ]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "argo-lite", "Controller", "Templates", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // Hera and the argo-workflows client against the server (`.ci/run` runs them with pytest)
            exclude: ["python"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

if fuzzing {
    package.targets.append(.executableTarget(name: "argo-lite-fuzz", dependencies: ["Templates"], path: "fuzz"))
}
