package org.springframework.security.web;

/** TEST STAND-IN: only the names of Spring Security's chain and its inner chain matter to the audit. */
public final class FilterChainProxy {

    /** The inner chain FilterChainProxy hands its filters. */
    public static final class VirtualFilterChain {
    }
}
