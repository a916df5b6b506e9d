// Semaphores and mutexes, in the spec and in the status.

/// Locks a workflow or template holds while it runs. `semaphore`/`mutex` are the pre-3.6 singular forms.
public struct Synchronization: Codable, Sendable, Hashable {
    public var semaphore: SemaphoreRef?
    public var mutex: Mutex?
    public var semaphores: [SemaphoreRef]?
    public var mutexes: [Mutex]?

    public init(
        semaphore: SemaphoreRef? = nil, mutex: Mutex? = nil, semaphores: [SemaphoreRef]? = nil,
        mutexes: [Mutex]? = nil
    ) {
        self.semaphore = semaphore
        self.mutex = mutex
        self.semaphores = semaphores
        self.mutexes = mutexes
    }
}

/// A semaphore whose limit lives in a ConfigMap key (or, from v3.7, in the database).
public struct SemaphoreRef: Codable, Sendable, Hashable {
    public var configMapKeyRef: ConfigMapKeySelector?
    public var namespace: String?
    public var database: SyncDatabaseRef?

    public init(
        configMapKeyRef: ConfigMapKeySelector? = nil, namespace: String? = nil, database: SyncDatabaseRef? = nil
    ) {
        self.configMapKeyRef = configMapKeyRef
        self.namespace = namespace
        self.database = database
    }
}

/// A semaphore limit kept in the synchronization database.
public struct SyncDatabaseRef: Codable, Sendable, Hashable {
    public var key: String?

    public init(key: String? = nil) {
        self.key = key
    }
}

/// A named mutex.
public struct Mutex: Codable, Sendable, Hashable {
    public var name: String?
    public var namespace: String?
    public var database: Bool?

    public init(name: String? = nil, namespace: String? = nil, database: Bool? = nil) {
        self.name = name
        self.namespace = namespace
        self.database = database
    }
}

/// Locks held and waited for by a workflow (`status.synchronization`).
public struct SynchronizationStatus: Codable, Sendable, Hashable {
    public var semaphore: SemaphoreStatus?
    public var mutex: MutexStatus?

    public init(semaphore: SemaphoreStatus? = nil, mutex: MutexStatus? = nil) {
        self.semaphore = semaphore
        self.mutex = mutex
    }
}

/// Semaphores held and waited for.
public struct SemaphoreStatus: Codable, Sendable, Hashable {
    public var holding: [SemaphoreHolding]?
    public var waiting: [SemaphoreHolding]?

    public init(holding: [SemaphoreHolding]? = nil, waiting: [SemaphoreHolding]? = nil) {
        self.holding = holding
        self.waiting = waiting
    }
}

/// A semaphore and who holds (or waits for) it.
public struct SemaphoreHolding: Codable, Sendable, Hashable {
    public var semaphore: String?
    public var holders: [String]?

    public init(semaphore: String? = nil, holders: [String]? = nil) {
        self.semaphore = semaphore
        self.holders = holders
    }
}

/// Mutexes held and waited for.
public struct MutexStatus: Codable, Sendable, Hashable {
    public var holding: [MutexHolding]?
    public var waiting: [MutexHolding]?

    public init(holding: [MutexHolding]? = nil, waiting: [MutexHolding]? = nil) {
        self.holding = holding
        self.waiting = waiting
    }
}

/// A mutex and its holder.
public struct MutexHolding: Codable, Sendable, Hashable {
    public var mutex: String?
    public var holder: String?

    public init(mutex: String? = nil, holder: String? = nil) {
        self.mutex = mutex
        self.holder = holder
    }
}

/// The lock a node waits for.
public struct NodeSynchronizationStatus: Codable, Sendable, Hashable {
    public var waiting: String?

    public init(waiting: String? = nil) {
        self.waiting = waiting
    }
}
