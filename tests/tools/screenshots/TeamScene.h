#pragma once

#include <QString>

// The README's team-mode picture: two agents' consoles side by side, on one PostgreSQL database,
// in one conversation with a customer. One process stands for the team: a receiver that sends for
// it (as `flowchat --headless` would, sandbox provider) and two consoles as two agents, each with
// its own service, client and MainWindow, as two `flowchat` processes would have. Everything in
// the picture went through the real service: the customer's webhook, both agents' sends, the
// emulator's delivered and read, the other agent's typing.
namespace TeamScene
{

enum class Outcome
{
    Written,
    Skipped, // no PostgreSQL answers on libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD)
    Failed,
};

// Writes the picture to `path`; `message` says what was written, why it was skipped or what failed.
Outcome shoot(const QString& path, QString* message);

} // namespace TeamScene
