#pragma once

#include "app/config/Config.h"
#include "providers/Result.h"

#include <QString>

class SecretStore;

// FLOWCHAT_API_TOKEN when no source sets one: generated once and kept with the saved secrets
// (SecretStore: the system keychain or the 0600 file), so a script that worked yesterday still
// works after a restart. Setting the key anywhere chooses one instead.
namespace ApiTokenKeeper
{

// A random bearer token (URL-safe, 32 characters).
QString generate();

// Makes sure `config` has an API token: the one a source gave (a kept one arrives as a saved
// secret through ConfigLoader), else a new one, saved with the other secrets before it is used.
// For start-up: waits for the keychain at most a few seconds.
Result<void> ensure(Config& config, SecretStore& secrets);

// Where an operator finds the token in force, in words: for the 401 answer and the banner.
QString whereToFind(const Config& config);

} // namespace ApiTokenKeeper
