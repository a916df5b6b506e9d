import Templates
import ClusterAPI
import Operator

/// Memoization caches (`template.memoize.cache.configMap`): read for the snapshot, written for `.saveMemo`.
///
/// The controller keeps no ConfigMap informer: a workflow with memoized templates reads the ConfigMaps they name
/// directly on each pass (a handful of GETs); a workflow without `memoize` reads nothing.
extension WorkflowController {
    /// The cache ConfigMaps the templates of `spec` and of the templates it can reach name, by name. A name still
    /// to be substituted (`{{inputs.parameters.x}}`) cannot be read by name: then every ConfigMap labelled as an
    /// Argo cache in the namespace is read.
    func memoCaches(for spec: WorkflowSpec, templates: TemplateCatalog, namespace: String) async throws
        -> [String: MemoCacheObservation]
    {
        let names = Self.memoCacheNames(spec, templates)
        guard !names.isEmpty else { return [:] }
        var caches: [String: MemoCacheObservation] = [:]
        if names.contains(where: { $0.contains("{{") }) {
            let selector = try LabelSelector("\(Common.labelKeyConfigMapType)=\(MemoCacheObservation.typeValue)")
            for item in try await cluster.list(.configMap, namespace: namespace, labelSelector: selector).items {
                if let name = item["metadata"]?["name"]?.stringValue { caches[name] = MemoCacheObservation(configMap: item) }
            }
        }
        for name in names where !name.contains("{{") && caches[name] == nil {
            do {
                caches[name] = MemoCacheObservation(configMap: try await cluster.get(.configMap, namespace: namespace, name: name))
            } catch {
                if case .notFound = error { continue }
                throw error
            }
        }
        return caches
    }

    /// The ConfigMaps parameters read with `valueFrom.configMapKeyRef`, by name (a missing one is absent). As for
    /// caches, no informer: a workflow with such parameters reads them on each pass; others read nothing.
    func parameterConfigMaps(for spec: WorkflowSpec, templates: TemplateCatalog, namespace: String) async throws
        -> [String: ParameterConfigMapObservation]
    {
        var out: [String: ParameterConfigMapObservation] = [:]
        for name in ParameterConfigMapObservation.names(spec, templates) where !name.contains("{{") {
            do {
                out[name] = ParameterConfigMapObservation(configMap: try await cluster.get(.configMap, namespace: namespace, name: name))
            } catch {
                if case .notFound = error { continue }
                throw error
            }
        }
        return out
    }

    static func memoCacheNames(_ spec: WorkflowSpec, _ catalog: TemplateCatalog) -> Set<String> {
        var names = Set<String>()
        func add(_ templates: [Template]?) {
            for t in templates ?? [] { if let name = t.memoize?.cache?.configMap?.name, !name.isEmpty { names.insert(name) } }
        }
        add(spec.templates)
        for wft in catalog.workflowTemplates.values { add(wft.spec.templates) }
        for cwft in catalog.clusterWorkflowTemplates.values { add(cwft.spec.templates) }
        return names
    }

    /// Argo's `configMapCache.Save`: get or create the ConfigMap, label it as a cache, set `data[key]`. An entry
    /// already equal to the one to write is left alone, so repeating a save changes nothing.
    func saveMemo(_ save: MemoSave) async throws {
        let text = save.entry.json
        let existing: JSONValue
        do {
            existing = try await cluster.get(.configMap, namespace: save.namespace, name: save.configMap)
        } catch {
            guard case .notFound = error else { throw error }
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": [
                    "name": .string(save.configMap), "namespace": .string(save.namespace),
                    "labels": [Common.labelKeyConfigMapType: .string(MemoCacheObservation.typeValue)],
                ],
                "data": [save.key: .string(text)],
            ]
            do {
                _ = try await cluster.create(.configMap, object)
                return
            } catch {
                guard case .alreadyExists = error else { throw error }
                // Created meanwhile (another save of the same pass): patch it below.
                return try await saveMemo(save)
            }
        }
        let cache = MemoCacheObservation(configMap: existing)
        if let refusal = cache.refusal {
            logger.warning("\(save.namespace)/\(save.configMap): \(refusal)")
            return
        }
        if cache.data[save.key] == text { return }
        let patch: JSONValue = [
            "metadata": ["labels": [Common.labelKeyConfigMapType: .string(MemoCacheObservation.typeValue)]],
            "data": [save.key: .string(text)],
        ]
        _ = try await cluster.patch(.configMap, namespace: save.namespace, name: save.configMap, patch: patch, type: .merge)
    }
}
