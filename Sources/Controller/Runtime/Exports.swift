// `import Controller` gives every part of the controller, as before the parts became targets: the CLI, the
// benchmarks and the tests see one module; the parts still import only what Package.swift lets them.
@_exported import Actions
@_exported import ClusterAPI
@_exported import Cron
@_exported import Kube
@_exported import LocalNode
@_exported import LocalStore
@_exported import Operator
@_exported import Reconciler
@_exported import ResourceTemplates
