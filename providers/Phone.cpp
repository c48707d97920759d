#include "providers/Phone.h"

#include <QCoreApplication>
#include <QLocale>

#include <memory>
#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::AsYouTypeFormatter;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace Phone
{
namespace
{

constexpr int kMaxE164Digits = 15;

QString withoutChannelPrefix(const QString& input)
{
    const QString text = input.trimmed();
    if (text.startsWith(QLatin1String("whatsapp:"), Qt::CaseInsensitive)) {
        return text.mid(9).trimmed(); // Twilio's channel prefix
    }
    return text;
}

// Digits of other scripts (Arabic-Indic, full-width) count as the same ASCII digits.
QChar asciiDigit(QChar c)
{
    return QChar(u'0' + c.digitValue());
}

// The input reduced to the digits of an international number (country code first), or why that
// is impossible. Separators people type are dropped.
struct Cleaned
{
    QString digits;
    QString problem; // non-empty: refused
};

Cleaned clean(const QString& input, const QString& field)
{
    Cleaned out;
    const QString text = withoutChannelPrefix(input);
    if (text.isEmpty()) {
        out.problem = QCoreApplication::translate("Phone", "%1: no phone number given").arg(field);
        return out;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isDigit()) {
            out.digits += asciiDigit(c);
        } else if (c == u'+') {
            if (i != 0) {
                out.problem = QCoreApplication::translate("Phone", "%1: '%2' has a '+' that is not at the start")
                                  .arg(field, input);
                return out;
            }
        } else if (c.isLetter()) {
            out.problem = QCoreApplication::translate("Phone", "%1: '%2' contains letters").arg(field, input);
            return out;
        } else if (!(c.isSpace() || c == u'-' || c == u'.' || c == u'(' || c == u')' || c == u'/')) {
            out.problem =
                QCoreApplication::translate("Phone", "%1: '%2' contains '%3', which is not part of a phone number")
                    .arg(field, input, c);
            return out;
        }
    }
    // Without '+', a leading 00 is the international prefix used in most of the world. Otherwise
    // bare digits are a WhatsApp id, which starts with the country code: the '+' is implied.
    if (!text.startsWith(u'+') && out.digits.startsWith(QLatin1String("00"))) {
        out.digits = out.digits.mid(2);
    }
    if (out.digits.isEmpty()) {
        out.problem = QCoreApplication::translate("Phone", "%1: too short to be a phone number").arg(field);
    } else if (out.digits.size() > kMaxE164Digits) {
        out.problem = QCoreApplication::translate("Phone", "%1: too long to be a phone number").arg(field);
    }
    return out;
}

std::string e164(const PhoneNumber& number)
{
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(number, PhoneNumberUtil::E164, &out);
    return out;
}

// "Brazil" for +55; for non-geographic codes (+882) the calling code itself.
QString countryName(int callingCode)
{
    std::string region;
    PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(callingCode, &region);
    const QLocale::Territory territory = QLocale::codeToTerritory(QString::fromStdString(region));
    if (territory == QLocale::AnyTerritory) {
        return QCoreApplication::translate("Phone", "country calling code +%1").arg(callingCode);
    }
    return QLocale::territoryToString(territory);
}

// Numbers that IsValidNumber rejects but that WhatsApp really uses. Exactly two rules:
//  1. NANP +1 with area code 555 and 10 national digits ("+1 555 123 4567"). 555 is not an
//     assigned area code, but Meta's test business numbers (+1 555 …) and documentation use it.
//  2. Brazil +55 with a 2-digit area code and 8 digits starting 6-9, when inserting the ninth
//     digit gives a valid Brazilian mobile ("+55 11 8765-4321"). These are the WhatsApp ids of
//     accounts made before Brazil added the ninth digit; Meta's webhooks still send them.
bool acceptedExceptionally(const PhoneNumber& number)
{
    const QString national = QString::number(number.national_number());
    if (number.country_code() == 1) {
        return national.size() == 10 && national.startsWith(QLatin1String("555"));
    }
    if (number.country_code() == 55 && national.size() == 10 && national.at(2) >= u'6') {
        PhoneNumber withNinth = number;
        withNinth.set_national_number(QString(national.left(2) + u'9' + national.mid(2)).toULongLong());
        const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
        return util->IsValidNumber(withNinth) && util->GetNumberType(withNinth) == PhoneNumberUtil::MOBILE;
    }
    return false;
}

Result<PhoneNumber> parse(const QString& input, const QString& field)
{
    const Cleaned cleaned = clean(input, field);
    if (!cleaned.problem.isEmpty()) {
        return Unexpected(Error::validation(field, cleaned.problem));
    }
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    switch (util->Parse(QStringLiteral("+%1").arg(cleaned.digits).toStdString(), "ZZ", &number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        // Calling codes have 1 to 3 digits and none of those prefixes matched.
        return Unexpected(
            Error::validation(field,
                              QCoreApplication::translate("Phone", "%1: +%2 is not a country calling code")
                                  .arg(field, cleaned.digits.left(3))));
    case PhoneNumberUtil::TOO_LONG_NSN:
        return Unexpected(Error::validation(
            field, QCoreApplication::translate("Phone", "%1: too long to be a phone number").arg(field)));
    default: // NOT_A_NUMBER (fewer than 3 digits), TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD
        return Unexpected(Error::validation(
            field, QCoreApplication::translate("Phone", "%1: too short to be a phone number").arg(field)));
    }
    return number;
}

} // namespace

Result<QString> normalize(const QString& input, const QString& field)
{
    const Result<PhoneNumber> parsed = parse(input, field);
    if (!parsed) {
        return Unexpected(parsed.error());
    }
    const PhoneNumber& number = *parsed;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    if (util->IsValidNumber(number) || acceptedExceptionally(number)) {
        return QString::fromStdString(e164(number));
    }
    const QString country = countryName(number.country_code());
    switch (util->IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::TOO_SHORT:
        return Unexpected(Error::validation(
            field, QCoreApplication::translate("Phone", "%1: too short for a number in %2").arg(field, country)));
    case PhoneNumberUtil::TOO_LONG:
        return Unexpected(Error::validation(
            field, QCoreApplication::translate("Phone", "%1: too long for a number in %2").arg(field, country)));
    default:
        return Unexpected(Error::validation(
            field, QCoreApplication::translate("Phone", "%1: not a valid number for %2").arg(field, country)));
    }
}

QString identityKey(const QString& number)
{
    const QString text = withoutChannelPrefix(number);
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit()) {
            digits += asciiDigit(c);
        }
    }
    if (!text.startsWith(u'+') && digits.startsWith(QLatin1String("00"))) {
        digits = digits.mid(2);
    }
    // Each rule removes a digit that only some of WhatsApp's spellings carry. The national numbers
    // of Mexico and Argentina are 10 digits and no area code starts with 1 (MX) or 9 (AR), so the
    // 13-digit forms below cannot be another subscriber.
    if (digits.size() == 13 && digits.startsWith(QLatin1String("521"))) {
        return digits.remove(2, 1); // +52 1 55 1234 5678 -> +52 55 1234 5678
    }
    if (digits.size() == 13 && digits.startsWith(QLatin1String("549"))) {
        return digits.remove(2, 1); // +54 9 11 2345-6789 -> +54 11 2345-6789
    }
    // Brazil: +55, area code, 9, then 8 digits. Only when those 8 start with 6-9 could the number
    // have existed without the 9 (older mobiles); 2-5 are landlines, which must stay apart.
    if (digits.size() == 13 && digits.startsWith(QLatin1String("55")) && digits.at(4) == u'9' && digits.at(5) >= u'6') {
        return digits.remove(4, 1); // +55 11 98765-4321 -> +55 11 8765-4321
    }
    return digits;
}

QString formatInternational(const QString& e164Number)
{
    const Result<PhoneNumber> parsed = parse(e164Number, QStringLiteral("number"));
    if (!parsed) {
        return e164Number;
    }
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(*parsed, PhoneNumberUtil::INTERNATIONAL, &out);
    return QString::fromStdString(out);
}

QString formatAsYouType(const QString& partial)
{
    const QString text = withoutChannelPrefix(partial);
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit()) {
            digits += asciiDigit(c);
        }
    }
    if (digits.isEmpty()) {
        return text.startsWith(u'+') ? QStringLiteral("+") : QString();
    }
    // Bare digits start with the country code, as in normalize(), so the '+' is implied.
    const std::unique_ptr<AsYouTypeFormatter> formatter(PhoneNumberUtil::GetInstance()->GetAsYouTypeFormatter("ZZ"));
    std::string result;
    formatter->InputDigit(u'+', &result);
    for (const QChar c : std::as_const(digits)) {
        formatter->InputDigit(c.unicode(), &result);
    }
    return QString::fromStdString(result);
}

} // namespace Phone
