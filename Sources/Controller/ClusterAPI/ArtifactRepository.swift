import Foundation

/// Where workflows' artifacts are stored, read back by key (Argo's artifact repository): what `argo-lite cp`
/// (and, later, the server's artifact downloads) read through, whatever the backend keeps them in. Locally a
/// folder of the state directory (`LocalArtifactRepository`); S3-compatible stores come with their driver.
public protocol ArtifactRepository: Sendable {
    /// Copies the object stored under `key` into the file `destination`, replacing it.
    func download(key: String, to destination: URL) async throws(ArtifactRepositoryError)
}

public enum ArtifactRepositoryError: Error, Sendable, CustomStringConvertible {
    /// Nothing is stored under the key; `location` says where it was looked for.
    case notFound(location: String)
    /// The object could not be read or written.
    case failed(String)

    public var description: String {
        switch self {
        case .notFound(let location): "no object at \(location)"
        case .failed(let message): message
        }
    }
}
