package io.corsagent.tests.boot;

import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's API, behind HTTP BASIC. Like many apps it "does CORS" by reflecting the request's Origin with
 * credentials, which lets any website read the user's data.
 */
@RestController
class ApiController {

    @GetMapping("/api/me")
    ResponseEntity<String> me(@RequestHeader(name = "Origin", required = false) String origin, Principal user) {
        return reflecting(origin).body("user " + user.getName() + "\n");
    }

    @PutMapping("/api/data")
    ResponseEntity<String> putData(@RequestHeader(name = "Origin", required = false) String origin) {
        return reflecting(origin).body("stored\n");
    }

    private static ResponseEntity.BodyBuilder reflecting(String origin) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (origin != null) {
            response.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true");
        }
        return response;
    }
}
