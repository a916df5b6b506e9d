/// One problem `lint` found in one object of one file, worded as `argo lint` words it.
///
/// `object` is the object as argo names it in its output (`"hello-world-" (Workflow)`); `message` is Argo's
/// validation message (`templates.main.steps[0].hello template name 'hell0' undefined`); `path` is the field the
/// problem is about (`spec.templates[0].steps[0][0].template`) and `location` where that field is in the file.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var object: String
    public var message: String
    public var path: String
    public var location: SourceLocation?
    /// Further fields the same finding is about, each with its place (every unknown field after the first of one
    /// `strict decoding error`).
    public var related: [Diagnostic] = []

    public init(
        file: String, object: String, message: String, path: String = "", location: SourceLocation? = nil,
        related: [Diagnostic] = []
    ) {
        self.file = file
        self.object = object
        self.message = message
        self.path = path
        self.location = location
        self.related = related
    }

    /// The error as `argo lint` prints it after the file name: `in "NAME" (Kind): message`.
    public var description: String { "in \(object): \(message)" }

    /// The finding as a compiler-style diagnostic: `FILE:LINE:COL: FIELD: in "NAME" (Kind): message`.
    public var diagnostic: Diagnostic {
        Diagnostic(description, path: path, at: location)
    }
}

/// A place inside a manifest: object keys and list indexes from the document root.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public func appending(_ key: String) -> FieldPath {
        var p = self
        p.components.append(.key(key))
        return p
    }

    public func appending(_ index: Int) -> FieldPath {
        var p = self
        p.components.append(.index(index))
        return p
    }

    public static func / (lhs: FieldPath, rhs: String) -> FieldPath { lhs.appending(rhs) }
    public static func / (lhs: FieldPath, rhs: Int) -> FieldPath { lhs.appending(rhs) }

    /// `spec.templates[2].dag.tasks[0].depends`
    public var description: String {
        var out = ""
        for c in components {
            switch c {
            case .key(let k):
                if !out.isEmpty { out += "." }
                out += k
            case .index(let i):
                out += "[\(i)]"
            }
        }
        return out
    }
}
