/**
 * Named volumes: data that outlives the containers using it, as Docker's {@code local} volume driver keeps
 * it.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link dev.strata.volume.VolumeStore} owns {@code ROOT/volumes}. Each volume is a directory
 *       {@code NAME/} holding {@code volume.json} (a {@link dev.strata.volume.Volume}: Docker's inspect
 *       fields) and {@code _data} (its files, the Mountpoint). Names follow Docker's local-driver rule
 *       ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}); anonymous volumes get 64 random hex digits.</li>
 *   <li>Creation and removal are atomic: a volume is assembled in a hidden directory and renamed into
 *       place, and renamed away before its files are deleted, so a SIGKILL at any point leaves either the
 *       whole volume or none, plus a hidden leftover the next change sweeps. Every change runs under one
 *       flock ({@code .lock}), so concurrent {@code strata} processes never interleave.</li>
 *   <li>The store knows nothing of containers: whoever removes a volume says which containers use it
 *       (and {@code remove} refuses, in Docker's words, while any do). The container package records which
 *       volumes each container mounts and asks the store to {@link dev.strata.volume.VolumeStore#ready
 *       ready} and {@link dev.strata.volume.VolumeStore#fill fill} them.</li>
 *   <li>Driver options are the local driver's {@code type}, {@code o}, {@code device}, checked with
 *       Docker's words at create; such a volume is mounted with mount(2) the first time a container uses
 *       it and stays mounted until it is removed (Docker unmounts when its last user stops: a tmpfs
 *       volume here keeps its files between containers until removed).</li>
 * </ul>
 */
package dev.strata.volume;
