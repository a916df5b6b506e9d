import Templates
#if canImport(Glibc)
import Glibc
#endif

/// The fuzz target: one input through the YAML loader, the manifest loader, the linter and the YAML emitter, as
/// `argo-lite lint` and `submit` read a file. Built only with `ARGO_LITE_FUZZ=1` and `-sanitize=fuzzer` (see
/// docs/fuzzing.md); a trap, a sanitizer report or an input slower than libFuzzer's `-timeout` is a finding.
func loaderLintFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let documents = try? YAML.load(bytes: bytes) {
        for doc in documents {
            if let json = try? doc.toJSONValue() { _ = YAMLEmitter.emit(json) }
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ManifestLoader.load(text, file: "fuzz.yaml")
    for finding in Linter.lint(text: text, file: "fuzz.yaml") where finding.message.isEmpty {
        fatalError("a lint finding without a message")
    }
    return 0
}

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

// The entry point: the command line goes to libFuzzer's driver.
var count = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&count, &arguments) { data, size in loaderLintFuzz(data, size) })
