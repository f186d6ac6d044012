/** IPv4 addresses and subnets as numbers, parsed with Go's rules (what Docker accepts). */
package dev.strata.network.ip;
