#pragma once

#include <QString>

// A believable support desk for the screenshots: customers writing in English, Portuguese and
// Spanish, unread counts, open and closed windows, and one order-delay conversation whose
// replies went through every delivery status. Written through the store's own API.
namespace ShowcaseSeed
{

// Returns an error message, or an empty string when the database was written.
QString write(const QString& database);

} // namespace ShowcaseSeed
