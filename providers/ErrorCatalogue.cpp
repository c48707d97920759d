#include "providers/ErrorCatalogue.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

namespace ErrorCatalogue
{
namespace
{

using K = Error::Kind;

// One row per provider code (wire reference §1.7, §2, §7.7, §8.4), classified per §12.3. Strings
// are marked for lupdate here and translated when looked up, so a language switch takes effect.
struct Entry
{
    const char* provider;
    int first;
    int last; // Meta lists 200-299 as one row
    K kind;
    bool retryable;
    const char* title;
    const char* meaning;
    const char* advice;
    int minRetrySeconds = 0; // §12.3: some limits need a longer pause than the default backoff
};

#define TR(text) QT_TRANSLATE_NOOP("ErrorCatalogue", text)

// One row per code reads better than clang-format's one field per line.
// clang-format off
constexpr Entry kEntries[] = {
    // Twilio webhooks (§2.4, §3.3): reported in Twilio's debugger, about FlowChat's own endpoint.
    {"twilio", 11200, 11200, K::Permanent, false,
     TR("Twilio could not fetch the webhook"),
     TR("Twilio got no usable answer from FlowChat's webhook within 15 seconds."),
     TR("Check that the public URL reaches FlowChat and that it answers quickly. Missed statuses are "
        "fetched again by reconciliation.")},
    {"twilio", 11205, 11205, K::Permanent, false,
     TR("Twilio could not connect to the webhook"),
     TR("Twilio could not open a connection to FlowChat's public URL."),
     TR("Check the public URL, the firewall and the TLS certificate in front of FlowChat.")},
    {"twilio", 11750, 11750, K::Permanent, false,
     TR("Webhook answer too large"),
     TR("FlowChat's answer to a Twilio webhook was larger than 64 kB."),
     TR("Report this as a FlowChat bug; the webhook answer should be empty.")},
    {"twilio", 12300, 12300, K::Permanent, false,
     TR("Webhook answer has the wrong content type"),
     TR("Twilio expected TwiML or an empty answer from FlowChat's webhook."),
     TR("Report this as a FlowChat bug if it repeats; messages are not affected.")},
    {"twilio", 20003, 20003, K::Authentication, false,
     TR("Twilio refused the credentials"),
     TR("The Account SID or the Auth Token is wrong, or the token was rotated."),
     TR("Check the Account SID and Auth Token in Settings. Sending is paused until they work.")},
    {"twilio", 20404, 20404, K::Configuration, false,
     TR("Twilio resource not found"),
     TR("The Account SID, the API address or an id in the request does not exist at Twilio."),
     TR("Check the Account SID and the Twilio address in Settings.")},
    {"twilio", 20429, 20429, K::RateLimited, true,
     TR("Too many requests to Twilio"),
     TR("Twilio limits how many requests an account may make at once."),
     TR("Nothing to do: FlowChat waits and sends again automatically.")},
    {"twilio", 21211, 21211, K::InvalidRecipient, false,
     TR("Invalid recipient number"),
     TR("Twilio says the 'To' number is not a valid phone number."),
     TR("Check the number. It needs the country code, for example +55 11 98765-4321.")},
    {"twilio", 21408, 21408, K::Configuration, false,
     TR("Country not enabled"),
     TR("The Twilio account may not send to the country of this number (geographic permissions)."),
     TR("Ask the Twilio account owner to enable this country in the messaging geo permissions.")},
    {"twilio", 21602, 21602, K::Permanent, false,
     TR("Message has no content"),
     TR("Twilio needs a text, an attachment or a template, and the message had none."),
     TR("Add text or an attachment and send again. If it keeps happening, report it: FlowChat should "
        "have caught it.")},
    {"twilio", 21603, 21603, K::Configuration, false,
     TR("No sender"),
     TR("The request named neither a sender number nor a Messaging Service."),
     TR("Set the WhatsApp sender number or the Messaging Service SID in Settings.")},
    {"twilio", 21606, 21606, K::Configuration, false,
     TR("Sender cannot send to this number"),
     TR("The configured sender is not a WhatsApp-enabled Twilio number for this destination."),
     TR("Check the WhatsApp sender number in Settings against the senders in the Twilio console.")},
    {"twilio", 21608, 21608, K::Configuration, false,
     TR("Number not verified on a trial account"),
     TR("A Twilio trial account can only send to numbers verified in its console."),
     TR("Verify the number in the Twilio console, or upgrade the account.")},
    {"twilio", 21610, 21610, K::InvalidRecipient, false,
     TR("Customer unsubscribed"),
     TR("The customer opted out of messages from this sender."),
     TR("Do not send again unless the customer writes first or opts back in.")},
    {"twilio", 21614, 21614, K::InvalidRecipient, false,
     TR("Not a mobile number"),
     TR("Twilio says the number is not a mobile number."),
     TR("Check the number with the customer; landlines cannot receive WhatsApp messages.")},
    {"twilio", 21617, 21617, K::Permanent, false,
     TR("Message too long"),
     TR("The text is longer than 1,600 characters."),
     TR("Shorten the message or split it into several.")},
    {"twilio", 21619, 21619, K::Permanent, false,
     TR("Message could not be created"),
     TR("Twilio could not create the message, usually because it had no text, attachment or template."),
     TR("Add content and send again.")},
    {"twilio", 21620, 21620, K::Permanent, false,
     TR("Invalid attachment address"),
     TR("Twilio could not use the attachment URL."),
     TR("Check that the attachment address is public and starts with https://.")},
    {"twilio", 21655, 21655, K::TemplateMismatch, false,
     TR("Unknown template"),
     TR("The template (ContentSid) no longer exists at Twilio."),
     TR("Refresh the template list and pick the template again.")},
    {"twilio", 21656, 21656, K::TemplateMismatch, false,
     TR("Invalid template variables"),
     TR("The template variables are not valid or do not fit the template."),
     TR("Check the template's variables and send again.")},
    {"twilio", 30001, 30001, K::RateLimited, true,
     TR("Twilio queue full"),
     TR("More messages are waiting at Twilio than it can send within 4 hours."),
     TR("Nothing to do: FlowChat sends again later. Slow down large batches.")},
    {"twilio", 30002, 30002, K::Configuration, false,
     TR("Twilio account suspended"),
     TR("Twilio has suspended the account."),
     TR("Contact the Twilio account owner. Sending is paused.")},
    {"twilio", 30003, 30003, K::InvalidRecipient, false,
     TR("Phone unreachable"),
     TR("The customer's phone is switched off or out of coverage."),
     TR("Try again later; FlowChat does not resend this message on its own.")},
    {"twilio", 30004, 30004, K::InvalidRecipient, false,
     TR("Message blocked"),
     TR("The message was blocked, by the customer or by the network."),
     TR("Reach the customer another way.")},
    {"twilio", 30005, 30005, K::InvalidRecipient, false,
     TR("Unknown number"),
     TR("The number does not exist or is no longer in service."),
     TR("Check the number with the customer.")},
    {"twilio", 30006, 30006, K::InvalidRecipient, false,
     TR("Landline or unreachable carrier"),
     TR("The number is a landline, or its carrier cannot be reached."),
     TR("Ask the customer for a mobile number that uses WhatsApp.")},
    {"twilio", 30007, 30007, K::InvalidRecipient, false,
     TR("Message filtered"),
     TR("The carrier or Twilio filtered the message, often as suspected spam."),
     TR("Change the wording or reach the customer another way.")},
    {"twilio", 30008, 30008, K::Permanent, false,
     TR("Unknown delivery error"),
     TR("Twilio could not deliver the message and gave no reason."),
     TR("You may send the message again. If it repeats, check the Twilio logs.")},
    {"twilio", 30036, 30036, K::Permanent, false,
     TR("Message expired"),
     TR("The message was not delivered within its validity period."),
     TR("Send it again if it still matters.")},
    {"twilio", 63001, 63001, K::Configuration, false,
     TR("WhatsApp channel not authenticated"),
     TR("Twilio could not authenticate with WhatsApp for this sender."),
     TR("Check the WhatsApp sender's setup in the Twilio console.")},
    {"twilio", 63003, 63003, K::InvalidRecipient, false,
     TR("Not a WhatsApp user"),
     TR("The number is not on WhatsApp, or the account is inactive."),
     TR("Check the number with the customer, or reach them another way.")},
    {"twilio", 63005, 63005, K::Permanent, false,
     TR("Content not accepted by WhatsApp"),
     TR("WhatsApp did not accept the content of the message."),
     TR("Change the content, for example the attachment type, and send again.")},
    {"twilio", 63007, 63007, K::Configuration, false,
     TR("Sender not found"),
     TR("Twilio has no WhatsApp channel for the configured sender number."),
     TR("Check the WhatsApp sender number in Settings against the Twilio console.")},
    {"twilio", 63009, 63009, K::ServerError, true,
     TR("WhatsApp server error"),
     TR("WhatsApp had an internal error while handling the message."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"twilio", 63012, 63012, K::ServerError, true,
     TR("WhatsApp service error"),
     TR("WhatsApp returned an internal service error."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"twilio", 63013, 63013, K::Permanent, false,
     TR("WhatsApp policy violation"),
     TR("WhatsApp refused the message under its policies."),
     TR("Review the message against WhatsApp's commerce and business policies.")},
    {"twilio", 63015, 63015, K::Configuration, false,
     TR("Customer has not joined the Sandbox"),
     TR("The Twilio Sandbox only sends to numbers that sent it the join code."),
     TR("Ask the customer to send the Sandbox join code, or use a production sender.")},
    {"twilio", 63016, 63016, K::OutsideWindow, false,
     TR("Outside the 24-hour window"),
     TR("WhatsApp only accepts free-form messages within 24 hours of the customer's last message."),
     TR("More than 24 hours since the customer last wrote: send an approved template instead.")},
    {"twilio", 63018, 63018, K::RateLimited, true,
     TR("WhatsApp rate limit"),
     TR("The sender is sending faster than WhatsApp allows."),
     TR("Nothing to do: FlowChat waits and sends again automatically.")},
    {"twilio", 63019, 63019, K::Permanent, false,
     TR("Attachment could not be downloaded"),
     TR("WhatsApp could not download the attachment."),
     TR("Check that the attachment address is public and the file type is supported, then send again.")},
    {"twilio", 63021, 63021, K::Permanent, false,
     TR("Content rejected by WhatsApp"),
     TR("WhatsApp rejected the content, for example a template text over 1,024 characters."),
     TR("Shorten the text or the template variables and send again.")},
    {"twilio", 63024, 63024, K::InvalidRecipient, false,
     TR("Invalid recipient"),
     TR("WhatsApp cannot deliver to this recipient."),
     TR("Check the number with the customer.")},
    {"twilio", 63027, 63027, K::TemplateMismatch, false,
     TR("Template not found for this language"),
     TR("The template does not exist in the requested language."),
     TR("Refresh the template list and pick a language the template has.")},
    {"twilio", 63028, 63028, K::TemplateMismatch, false,
     TR("Wrong number of template parameters"),
     TR("The number of parameters does not match the template."),
     TR("Fill in every variable of the template and send again.")},
    {"twilio", 63030, 63030, K::Permanent, false,
     TR("Unsupported parameter"),
     TR("A parameter of the message is not supported for WhatsApp."),
     TR("Send the message without that option.")},
    {"twilio", 63031, 63031, K::Permanent, false,
     TR("Sender and recipient are the same"),
     TR("A WhatsApp message cannot be sent to its own sender number."),
     TR("Check the recipient number.")},
    {"twilio", 63032, 63032, K::InvalidRecipient, false,
     TR("Recipient in a WhatsApp experiment"),
     TR("WhatsApp does not deliver this kind of message to the customer because of an experiment."),
     TR("Reach the customer another way, or try a different kind of message.")},
    {"twilio", 63038, 63038, K::Permanent, false,
     TR("Daily message limit reached"),
     TR("The account has sent as many messages today as it is allowed to."),
     TR("Send again tomorrow; FlowChat does not resend this message on its own.")},
    {"twilio", 63040, 63040, K::TemplateMismatch, false,
     TR("Template rejected"),
     TR("WhatsApp rejected this template."),
     TR("Refresh the template list and choose an approved template.")},
    {"twilio", 63041, 63041, K::TemplateMismatch, false,
     TR("Template paused"),
     TR("WhatsApp paused this template because of low quality."),
     TR("Refresh the template list and choose another template.")},
    {"twilio", 63042, 63042, K::TemplateMismatch, false,
     TR("Template disabled"),
     TR("WhatsApp disabled this template."),
     TR("Refresh the template list and choose another template.")},
    {"twilio", 63049, 63049, K::InvalidRecipient, false,
     TR("Marketing message not delivered"),
     TR("Meta chose not to deliver this marketing message to the customer."),
     TR("Do not resend soon. Reach the customer when they write, or another way.")},
    {"twilio", 63051, 63051, K::Configuration, false,
     TR("WhatsApp Business Account locked"),
     TR("Meta locked the WhatsApp Business Account."),
     TR("Contact the account owner to resolve it with Meta. Sending is paused.")},

    // Meta Cloud API (§7.7; async codes arrive in statuses[].errors[], §8.4).
    {"meta", 0, 0, K::Authentication, false,
     TR("Meta could not authenticate the app"),
     TR("The app user could not be authenticated."),
     TR("Create a new access token and enter it in Settings. Sending is paused.")},
    {"meta", 1, 1, K::ServerError, true,
     TR("Unknown Meta API error"),
     TR("The request was invalid, or Meta had a server error."),
     TR("FlowChat tries again. If it keeps failing, check the logs.")},
    {"meta", 2, 2, K::ServerError, true,
     TR("Meta service temporarily unavailable"),
     TR("Meta's API is down or overloaded for a moment."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"meta", 3, 3, K::Configuration, false,
     TR("Missing API capability"),
     TR("The app lacks a capability or permission needed for this call."),
     TR("Check the app's permissions in Meta's App Dashboard.")},
    {"meta", 4, 4, K::RateLimited, true,
     TR("Too many API calls"),
     TR("The app reached Meta's call rate limit."),
     TR("Nothing to do: FlowChat waits and sends again automatically.")},
    {"meta", 10, 10, K::Configuration, false,
     TR("Permission denied"),
     TR("The access token lacks a permission this request needs."),
     TR("Create a token with the whatsapp_business_messaging permission and enter it in Settings.")},
    {"meta", 33, 33, K::Configuration, false,
     TR("Business phone number deleted"),
     TR("The configured business phone number no longer exists."),
     TR("Check the phone number id in Settings.")},
    {"meta", 100, 100, K::Permanent, false,
     TR("Invalid parameter"),
     TR("A field of the request is unknown, misspelt or has a wrong value, possibly the recipient."),
     TR("Check the recipient number and the message, then send again.")},
    {"meta", 190, 190, K::Authentication, false,
     TR("Access token expired or invalid"),
     TR("Meta no longer accepts the configured access token."),
     TR("Create a new access token and enter it in Settings. Sending is paused.")},
    {"meta", 200, 299, K::Configuration, false,
     TR("API permission missing"),
     TR("The access token lacks a permission this request needs."),
     TR("Check the app's permissions and the token in Settings.")},
    {"meta", 368, 368, K::Configuration, false,
     TR("Temporarily blocked for policy violations"),
     TR("Meta blocked this account from sending for a while because of policy violations."),
     TR("Stop sending and review the account's status in WhatsApp Manager.")},
    {"meta", 80007, 80007, K::RateLimited, true,
     TR("WhatsApp Business Account rate limit"),
     TR("The WhatsApp Business Account reached its rate limit."),
     TR("Nothing to do: FlowChat waits and sends again automatically.")},
    {"meta", 130429, 130429, K::RateLimited, true,
     TR("Throughput limit reached"),
     TR("The business number reached its messages-per-second limit."),
     TR("Nothing to do: FlowChat waits and sends again automatically.")},
    {"meta", 130472, 130472, K::InvalidRecipient, false,
     TR("Recipient in a WhatsApp experiment"),
     TR("WhatsApp does not deliver this message to the customer because of an experiment."),
     TR("Reach the customer another way, or try a different kind of message.")},
    {"meta", 131000, 131000, K::ServerError, true,
     TR("Something went wrong at Meta"),
     TR("Meta failed with an unknown error."),
     TR("FlowChat tries again a few times. If it keeps failing, check the logs.")},
    {"meta", 131005, 131005, K::Configuration, false,
     TR("Access denied"),
     TR("The access token may not use this phone number or account."),
     TR("Check the token's permissions and the phone number id in Settings.")},
    {"meta", 131008, 131008, K::Permanent, false,
     TR("Required parameter missing"),
     TR("The request lacked a field that Meta needs."),
     TR("Report this as a FlowChat bug with the log entry.")},
    {"meta", 131009, 131009, K::Permanent, false,
     TR("Parameter value not valid"),
     TR("A value in the request is not valid, possibly the recipient number."),
     TR("Check the recipient number and the message, then send again.")},
    {"meta", 131016, 131016, K::ServerError, true,
     TR("Service unavailable"),
     TR("WhatsApp's service is unavailable for a moment."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"meta", 131021, 131021, K::InvalidRecipient, false,
     TR("Recipient is the sender"),
     TR("A message cannot be sent to the business number that sends it."),
     TR("Check the recipient number.")},
    {"meta", 131026, 131026, K::InvalidRecipient, false,
     TR("Message undeliverable"),
     TR("The number is not on WhatsApp, the app is too old, the terms are not accepted, or the customer "
        "blocked the business."),
     TR("Check the number with the customer, or reach them another way.")},
    {"meta", 131030, 131030, K::InvalidRecipient, false,
     TR("Recipient not in the allowed list"),
     TR("A test business number can only send to numbers added to its allowed list."),
     TR("Add the number to the allowed list in the App Dashboard, or use a production number.")},
    {"meta", 131031, 131031, K::Configuration, false,
     TR("Account locked"),
     TR("Meta locked the business account, for example over a policy or integrity issue."),
     TR("Contact the account owner to resolve it with Meta. Sending is paused.")},
    {"meta", 131042, 131042, K::Configuration, false,
     TR("Payment issue"),
     TR("The business account has a billing problem."),
     TR("Ask the account owner to fix the payment method in WhatsApp Manager.")},
    {"meta", 131045, 131045, K::Configuration, false,
     TR("Phone number registration error"),
     TR("The business phone number's certificate is wrong or the number is not fully registered."),
     TR("Register the phone number again in WhatsApp Manager.")},
    {"meta", 131047, 131047, K::OutsideWindow, false,
     TR("Outside the 24-hour window"),
     TR("WhatsApp only accepts free-form messages within 24 hours of the customer's last message."),
     TR("More than 24 hours since the customer last wrote: send an approved template instead.")},
    {"meta", 131048, 131048, K::Permanent, false,
     TR("Spam rate limit hit"),
     TR("WhatsApp restricted the number because of its quality rating."),
     TR("Do not resend now. Improve message quality and try later.")},
    {"meta", 131049, 131049, K::InvalidRecipient, false,
     TR("Not delivered to protect engagement"),
     TR("Meta held back this marketing message to keep the customer's engagement healthy."),
     TR("Do not resend soon. Reach the customer when they write, or another way.")},
    {"meta", 131050, 131050, K::InvalidRecipient, false,
     TR("Customer stopped marketing messages"),
     TR("The customer chose not to receive marketing messages from this business."),
     TR("Do not send marketing messages to this customer.")},
    {"meta", 131051, 131051, K::Permanent, false,
     TR("Unsupported message type"),
     TR("WhatsApp does not support this type of message."),
     TR("Send a supported type, such as text or an image.")},
    {"meta", 131052, 131052, K::Permanent, false,
     TR("Media download error"),
     TR("The customer's attachment could not be downloaded (it may be over 100 MB)."),
     TR("Ask the customer to send the file again.")},
    {"meta", 131053, 131053, K::Permanent, false,
     TR("Media upload error"),
     TR("WhatsApp could not fetch the attachment, or its type does not match the file."),
     TR("Check that the attachment address is public and the file type is supported, then send again.")},
    {"meta", 131056, 131056, K::RateLimited, true,
     TR("Too many messages to this customer"),
     TR("Too many messages went to the same customer in a short time."),
     TR("Nothing to do: FlowChat waits before sending to this customer again."),
     6},
    {"meta", 131057, 131057, K::ServerError, true,
     TR("Account in maintenance"),
     TR("The business account is in maintenance, for example during a throughput upgrade."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"meta", 132000, 132000, K::TemplateMismatch, false,
     TR("Wrong number of template parameters"),
     TR("The number of parameters does not match the template."),
     TR("Fill in every variable of the template and send again.")},
    {"meta", 132001, 132001, K::TemplateMismatch, false,
     TR("Template not found"),
     TR("The template does not exist in that language, or it is not approved."),
     TR("Refresh the template list and pick an approved template and language.")},
    {"meta", 132005, 132005, K::TemplateMismatch, false,
     TR("Template text too long"),
     TR("The template text is too long once the variables are filled in."),
     TR("Shorten the variables and send again.")},
    {"meta", 132007, 132007, K::TemplateMismatch, false,
     TR("Template format policy violated"),
     TR("The filled-in template breaks WhatsApp's formatting rules."),
     TR("Remove special formatting or characters from the variables and send again.")},
    {"meta", 132012, 132012, K::TemplateMismatch, false,
     TR("Template parameter format mismatch"),
     TR("A variable does not have the format the template expects."),
     TR("Check the template's variables and send again.")},
    {"meta", 132015, 132015, K::TemplateMismatch, false,
     TR("Template paused"),
     TR("WhatsApp paused this template because of low quality."),
     TR("Refresh the template list and choose another template.")},
    {"meta", 132016, 132016, K::TemplateMismatch, false,
     TR("Template disabled"),
     TR("WhatsApp disabled this template."),
     TR("Refresh the template list and choose another template.")},
    {"meta", 132068, 132068, K::Permanent, false,
     TR("Flow blocked"),
     TR("The WhatsApp Flow in this message is blocked."),
     TR("Fix the Flow in WhatsApp Manager, or send without it.")},
    {"meta", 132069, 132069, K::Permanent, false,
     TR("Flow throttled"),
     TR("Too many messages used this Flow in the last hour."),
     TR("Send it again later.")},
    {"meta", 133000, 133000, K::Configuration, false,
     TR("Incomplete deregistration"),
     TR("An earlier deregistration of the business number did not finish."),
     TR("Deregister the number again, then register it.")},
    {"meta", 133004, 133004, K::ServerError, true,
     TR("Server temporarily unavailable"),
     TR("Meta's server is unavailable for a moment."),
     TR("Nothing to do: FlowChat sends again automatically.")},
    {"meta", 133010, 133010, K::Configuration, false,
     TR("Phone number not registered"),
     TR("The business phone number is not registered with the Cloud API."),
     TR("Register the phone number, then try again.")},
    {"meta", 133016, 133016, K::Permanent, false,
     TR("Registration rate limit exceeded"),
     TR("The number was registered or deregistered too often."),
     TR("Wait before registering again.")},
    {"meta", 135000, 135000, K::Permanent, false,
     TR("Generic user error"),
     TR("Meta refused the request without a more specific reason."),
     TR("Check the message and the recipient, then send again.")},
};
// clang-format on

#undef TR

QString translated(const char* text)
{
    return QCoreApplication::translate("ErrorCatalogue", text);
}

ErrorAdvice advice(const Entry& entry, const QString& code)
{
    ErrorAdvice a;
    a.provider = QString::fromLatin1(entry.provider);
    a.code = code;
    a.title = translated(entry.title);
    a.meaning = translated(entry.meaning);
    a.advice = translated(entry.advice);
    a.kind = entry.kind;
    a.retryable = entry.retryable;
    return a;
}

const Entry* lookup(const QString& provider, const QString& code)
{
    bool ok = false;
    const int number = code.trimmed().toInt(&ok);
    if (!ok || number < 0) {
        return nullptr;
    }
    const QString name = provider.trimmed().toLower();
    for (const Entry& entry : kEntries) {
        if (name == QLatin1String(entry.provider) && number >= entry.first && number <= entry.last) {
            return &entry;
        }
    }
    return nullptr;
}

} // namespace

std::optional<ErrorAdvice> find(const QString& provider, const QString& code)
{
    if (const Entry* entry = lookup(provider, code)) {
        return advice(*entry, QString::number(code.trimmed().toInt()));
    }
    return std::nullopt;
}

Error classify(const QString& provider, Error error)
{
    if (const Entry* entry = lookup(provider, error.code)) {
        error.kind = entry->kind;
        error.retryable = entry->retryable;
        // §12.3: Meta's 100 and 131009 are recipient errors when they are about `to`.
        if (error.field == QLatin1String("to") && entry->kind == Error::Kind::Permanent
            && QLatin1String(entry->provider) == QLatin1String("meta")
            && (entry->first == 100 || entry->first == 131009)) {
            error.kind = Error::Kind::InvalidRecipient;
        }
        if (entry->minRetrySeconds > 0) {
            const std::chrono::seconds minimum(entry->minRetrySeconds);
            error.retryAfter = std::max(error.retryAfter.value_or(minimum), minimum);
        }
        return error;
    }
    // No code we know: the transport's verdict, then the HTTP status, decide.
    if (error.kind == Error::Kind::Timeout || error.kind == Error::Kind::Network) {
        error.retryable = true;
    } else if (error.httpStatus == 429) {
        error.kind = Error::Kind::RateLimited;
        error.retryable = true;
    } else if (error.httpStatus >= 500) {
        error.kind = Error::Kind::ServerError;
        error.retryable = true;
    } else if (error.httpStatus == 401) {
        error.kind = Error::Kind::Authentication;
        error.retryable = false;
    } else if (error.httpStatus >= 400) {
        error.kind = Error::Kind::Permanent;
        error.retryable = false;
    } else {
        error.retryable = false; // nothing says a retry can help; the kind stays as the caller set it
    }
    return error;
}

ErrorAdvice describe(const QString& provider, const Error& error)
{
    if (std::optional<ErrorAdvice> known = find(provider, error.code)) {
        return *known;
    }
    const Error classified = classify(provider, error);
    ErrorAdvice a;
    a.provider = provider.trimmed().toLower();
    a.code = error.code;
    a.kind = classified.kind;
    a.retryable = classified.retryable;
    if (classified.kind == Error::Kind::Timeout) {
        a.title = translated(QT_TRANSLATE_NOOP("ErrorCatalogue", "No answer from the provider"));
    } else if (classified.kind == Error::Kind::Network) {
        a.title = translated(QT_TRANSLATE_NOOP("ErrorCatalogue", "Could not reach the provider"));
    } else {
        a.title = translated(QT_TRANSLATE_NOOP("ErrorCatalogue", "The provider refused the message"));
    }
    a.meaning = !error.message.isEmpty()
                    ? error.message
                    : translated(QT_TRANSLATE_NOOP("ErrorCatalogue",
                                                   "The provider gave no explanation (code %1, HTTP status %2)."))
                          .arg(error.code.isEmpty() ? QStringLiteral("-") : error.code)
                          .arg(error.httpStatus);
    if (classified.kind == Error::Kind::Timeout) {
        a.advice =
            translated(QT_TRANSLATE_NOOP("ErrorCatalogue",
                                         "The message may or may not have been sent. Check the conversation before "
                                         "sending it again."));
    } else if (classified.retryable) {
        a.advice =
            translated(QT_TRANSLATE_NOOP("ErrorCatalogue", "Nothing to do: FlowChat sends again automatically."));
    } else {
        a.advice =
            translated(QT_TRANSLATE_NOOP("ErrorCatalogue",
                                         "The message was not sent. Look up the provider's code in its documentation, "
                                         "correct the message or the recipient, and send again."));
    }
    return a;
}

QList<ErrorAdvice> all()
{
    QList<ErrorAdvice> out;
    out.reserve(static_cast<qsizetype>(std::size(kEntries)));
    for (const Entry& entry : kEntries) {
        const QString code = entry.first == entry.last ? QString::number(entry.first)
                                                       : QStringLiteral("%1-%2").arg(entry.first).arg(entry.last);
        out.append(advice(entry, code));
    }
    return out;
}

} // namespace ErrorCatalogue
