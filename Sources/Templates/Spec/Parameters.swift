// Argo's parameter and argument types (pkg/apis/workflow/v1alpha1/workflow_types.go). Field names are Argo's JSON names.

/// Parameters and artifacts passed to a template or a workflow (`arguments`).
public struct Arguments: Codable, Sendable, Hashable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?

    public init(parameters: [Parameter]? = nil, artifacts: [Artifact]? = nil) {
        self.parameters = parameters
        self.artifacts = artifacts
    }
}

/// What a template takes (`inputs`).
public struct Inputs: Codable, Sendable, Hashable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?

    public init(parameters: [Parameter]? = nil, artifacts: [Artifact]? = nil) {
        self.parameters = parameters
        self.artifacts = artifacts
    }
}

/// What a template produces (`outputs`); `result` and `exitCode` are filled in by the executor.
public struct Outputs: Codable, Sendable, Hashable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?
    public var result: String?
    public var exitCode: String?

    public init(
        parameters: [Parameter]? = nil, artifacts: [Artifact]? = nil, result: String? = nil, exitCode: String? = nil
    ) {
        self.parameters = parameters
        self.artifacts = artifacts
        self.result = result
        self.exitCode = exitCode
    }
}

/// A named string value. `value`, `default`, `enum` and `description` are Argo `AnyString`s: YAML numbers
/// and booleans keep their text.
public struct Parameter: Codable, Sendable, Hashable {
    public var name: String
    public var `default`: AnyString?
    public var value: AnyString?
    public var valueFrom: ValueFrom?
    public var globalName: String?
    public var `enum`: [AnyString]?
    public var description: AnyString?

    public init(
        name: String, `default`: AnyString? = nil, value: AnyString? = nil, valueFrom: ValueFrom? = nil,
        globalName: String? = nil, `enum`: [AnyString]? = nil, description: AnyString? = nil
    ) {
        self.name = name
        self.`default` = `default`
        self.value = value
        self.valueFrom = valueFrom
        self.globalName = globalName
        self.`enum` = `enum`
        self.description = description
    }
}

/// Where a parameter's value comes from.
public struct ValueFrom: Codable, Sendable, Hashable {
    public var path: String?
    public var jsonPath: String?
    public var jqFilter: String?
    public var event: String?
    public var parameter: String?
    public var supplied: SuppliedValueFrom?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var `default`: AnyString?
    public var expression: String?

    public init(
        path: String? = nil, jsonPath: String? = nil, jqFilter: String? = nil, event: String? = nil,
        parameter: String? = nil, supplied: SuppliedValueFrom? = nil, configMapKeyRef: ConfigMapKeySelector? = nil,
        `default`: AnyString? = nil, expression: String? = nil
    ) {
        self.path = path
        self.jsonPath = jsonPath
        self.jqFilter = jqFilter
        self.event = event
        self.parameter = parameter
        self.supplied = supplied
        self.configMapKeyRef = configMapKeyRef
        self.`default` = `default`
        self.expression = expression
    }
}

/// A placeholder for a value supplied later (CLI, API, UI): always `{}`.
public struct SuppliedValueFrom: Codable, Sendable, Hashable {
    public init() {}
}

/// Labels and annotations to put on a template's pod (`metadata`, `podMetadata`).
public struct Metadata: Codable, Sendable, Hashable {
    public var annotations: [String: String]?
    public var labels: [String: String]?

    public init(annotations: [String: String]? = nil, labels: [String: String]? = nil) {
        self.annotations = annotations
        self.labels = labels
    }
}

/// Labels and annotations to put on the workflow itself (`spec.workflowMetadata`).
public struct WorkflowMetadata: Codable, Sendable, Hashable {
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var labelsFrom: [String: LabelValueFrom]?

    public init(
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        labelsFrom: [String: LabelValueFrom]? = nil
    ) {
        self.labels = labels
        self.annotations = annotations
        self.labelsFrom = labelsFrom
    }
}

/// A label whose value is an expression.
public struct LabelValueFrom: Codable, Sendable, Hashable {
    public var expression: String

    public init(expression: String) {
        self.expression = expression
    }
}
