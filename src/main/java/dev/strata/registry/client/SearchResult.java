package dev.strata.registry.client;

/**
 * One repository a search found, as Docker Hub's {@code /v1/search} describes it; a registry without
 * that API is searched through its catalog, and its results have no description or stars.
 */
public record SearchResult(String name, String description, long starCount, boolean official, boolean automated) {
}
