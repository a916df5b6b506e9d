import Templates
import ClusterAPI

/// The controller module: cluster API, workflow controller, operator, executor. See docs/architecture.md.
public enum ControllerModule {
    public static let version = "0.1.0"
}
