// Prometheus metrics and memoization.

/// Metrics a workflow or template emits.
public struct Metrics: Codable, Sendable, Hashable {
    public var prometheus: [Prometheus]?

    public init(prometheus: [Prometheus]? = nil) {
        self.prometheus = prometheus
    }
}

/// One Prometheus metric: exactly one of gauge, histogram, counter.
public struct Prometheus: Codable, Sendable, Hashable {
    public var name: String
    public var labels: [MetricLabel]?
    public var help: String?
    public var when: String?
    public var gauge: Gauge?
    public var histogram: Histogram?
    public var counter: Counter?

    public init(
        name: String, labels: [MetricLabel]? = nil, help: String? = nil, when: String? = nil, gauge: Gauge? = nil,
        histogram: Histogram? = nil, counter: Counter? = nil
    ) {
        self.name = name
        self.labels = labels
        self.help = help
        self.when = when
        self.gauge = gauge
        self.histogram = histogram
        self.counter = counter
    }
}

/// A metric label.
public struct MetricLabel: Codable, Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A gauge: `value` is set (or added/subtracted with `operation`).
public struct Gauge: Codable, Sendable, Hashable {
    public var value: String?
    public var realtime: Bool?
    /// Set, Add, Sub
    public var operation: String?

    public init(value: String? = nil, realtime: Bool? = nil, operation: String? = nil) {
        self.value = value
        self.realtime = realtime
        self.operation = operation
    }
}

/// A histogram with its bucket boundaries.
public struct Histogram: Codable, Sendable, Hashable {
    public var value: String?
    public var buckets: [Double]?

    public init(value: String? = nil, buckets: [Double]? = nil) {
        self.value = value
        self.buckets = buckets
    }
}

/// A counter.
public struct Counter: Codable, Sendable, Hashable {
    public var value: String?

    public init(value: String? = nil) {
        self.value = value
    }
}

/// Caches a template's outputs under `key` (`memoize`).
public struct Memoize: Codable, Sendable, Hashable {
    public var key: String?
    public var cache: Cache?
    public var maxAge: String?

    public init(key: String? = nil, cache: Cache? = nil, maxAge: String? = nil) {
        self.key = key
        self.cache = cache
        self.maxAge = maxAge
    }
}

/// Where memoized outputs are cached.
public struct Cache: Codable, Sendable, Hashable {
    public var configMap: ConfigMapKeySelector?

    public init(configMap: ConfigMapKeySelector? = nil) {
        self.configMap = configMap
    }
}

/// Whether a node's outputs came from the cache.
public struct MemoizationStatus: Codable, Sendable, Hashable {
    public var hit: Bool
    public var key: String
    public var cacheName: String

    public init(hit: Bool, key: String, cacheName: String) {
        self.hit = hit
        self.key = key
        self.cacheName = cacheName
    }
}
