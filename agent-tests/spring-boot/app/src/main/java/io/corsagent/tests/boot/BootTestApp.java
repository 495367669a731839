package io.corsagent.tests.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.corsagent.testapp.server.TestServerLifecycle;

/**
 * A Spring Boot app as many are written: Spring Security with HTTP BASIC on {@code /api/**} (user {@code alice},
 * password {@code secret}), no CORS configuration at all, and {@link ApiController}, which reflects any Origin with
 * credentials. Context path {@code /app}, an ephemeral port (see {@code application.properties}).
 *
 * <p>One source for Boot 3 (jakarta) and Boot 2.7 (javax): it names no servlet type, and uses only Spring Security
 * API present in 5.7 and 6.x. Boot's {@code /error} controller is left out: its JSON body carries a time stamp, and
 * the tests compare responses with and without the agent byte for byte; a 401 is then Tomcat's own error page.
 */
@SpringBootApplication(exclude = ErrorMvcAutoConfiguration.class)
public class BootTestApp {

    public static void main(String[] args) {
        SpringApplication.run(BootTestApp.class, args);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(request -> request.getServletPath().startsWith("/api/")).authenticated()
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}secret").roles("USER").build());
    }

    /** The line the test harness waits for, with the port; the JVM exits when its standard input closes. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> announceListening() {
        return event -> TestServerLifecycle.listening(event.getWebServer().getPort());
    }
}
