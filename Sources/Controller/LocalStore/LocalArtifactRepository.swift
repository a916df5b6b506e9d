import ClusterAPI
import Foundation

/// The local default's artifact repository, standing in for Argo's default S3 bucket: the folder `artifacts/` of
/// the state directory, a key being a path below it (what pods save to and `argo-lite cp` reads from).
public struct LocalArtifactRepository: ArtifactRepository {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// The repository of the store in `stateDirectory`.
    public init(stateDirectory: URL) { folder = stateDirectory.appendingPathComponent("artifacts", isDirectory: true) }

    public func download(key: String, to destination: URL) async throws(ArtifactRepositoryError) {
        let source = folder.appendingPathComponent(key)
        guard FileManager.default.fileExists(atPath: source.path) else { throw .notFound(location: source.path) }
        do {
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.copyItem(at: source, to: destination)
        } catch {
            throw .failed(error.localizedDescription)
        }
    }
}

extension LocalCluster {
    /// This state directory's artifact folder (`LocalArtifactRepository`).
    public var artifactRepository: URL { LocalArtifactRepository(stateDirectory: directory).folder }
}
