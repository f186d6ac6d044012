package dev.strata.engine;

/**
 * What the engine's image jobs work on, handed to each once: the store, its names, the collector
 * (whose leases keep a job's half-made work from a collection) and the layers' snapshots. A job adds
 * only the other jobs it calls.
 */
abstract class StoreJob {
    /** The four parts, made once by the {@link Engine}. */
    record Parts(Store store, Names names, GarbageCollector garbage, LayerSnapshots snapshots) {
    }

    final Store store;
    final Names names;
    final GarbageCollector garbage;
    final LayerSnapshots snapshots;

    StoreJob(Parts parts) {
        this.store = parts.store();
        this.names = parts.names();
        this.garbage = parts.garbage();
        this.snapshots = parts.snapshots();
    }
}
