#include "providers/Phone.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPhone : public QObject
{
    Q_OBJECT

private slots:
    void normalizeAccepts_data();
    void normalizeAccepts();
    void normalizeRefuses_data();
    void normalizeRefuses();
    void normalizeIsIdempotent_data();
    void normalizeIsIdempotent();
    void identityKey_data();
    void identityKey();
    void identityKeyValue_data();
    void identityKeyValue();
    void formatInternational_data();
    void formatInternational();
    void formatAsYouType_data();
    void formatAsYouType();
};

void TestPhone::normalizeAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("spaces, brackets and dashes") << u"+1 (555) 123-4567"_s << u"+15551234567"_s;
    QTest::newRow("twilio whatsapp: prefix") << u"whatsapp:+15551234567"_s << u"+15551234567"_s;
    QTest::newRow("leading 00 is the international prefix") << u"0044 20 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("bare digits are a whatsapp id") << u"5511987654321"_s << u"+5511987654321"_s;
    QTest::newRow("meta test number in the 555 area code") << u"15550783881"_s << u"+15550783881"_s;
    QTest::newRow("valid us number") << u"+1 415-523-8886"_s << u"+14155238886"_s;
    QTest::newRow("surrounding whitespace") << u"  +44 7911 123456 "_s << u"+447911123456"_s;
    QTest::newRow("dots as separators") << u"+55.11.98765.4321"_s << u"+5511987654321"_s;
    QTest::newRow("brazilian landline") << u"+55 11 3333-4444"_s << u"+551133334444"_s;
    QTest::newRow("brazilian whatsapp id without the ninth digit") << u"551187654321"_s << u"+551187654321"_s;
    QTest::newRow("mexican mobile with the old 1") << u"+52 1 55 1234 5678"_s << u"+525512345678"_s;
    QTest::newRow("argentinian mobile with the 9") << u"+54 9 11 2345-6789"_s << u"+5491123456789"_s;
    QTest::newRow("arabic-indic digits") << u"+٥٥١١٩٨٧٦٥٤٣٢١"_s << u"+5511987654321"_s;
    QTest::newRow("whatsapp: prefix in capitals") << u"WhatsApp:+442079460958"_s << u"+442079460958"_s;
}

void TestPhone::normalizeAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Result<QString> result = Phone::normalize(input);
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
    QCOMPARE(*result, expected);
}

void TestPhone::normalizeRefuses_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");
    QTest::newRow("letters") << u"12ab"_s << u"to"_s << u"to: '12ab' contains letters"_s;
    QTest::newRow("vanity letters") << u"+1 800 FLOWERS"_s << u"to"_s << u"to: '+1 800 FLOWERS' contains letters"_s;
    QTest::newRow("the field is named") << u"12ab"_s << u"from"_s << u"from: '12ab' contains letters"_s;
    QTest::newRow("empty") << QString() << u"to"_s << u"to: no phone number given"_s;
    QTest::newRow("only the whatsapp: prefix") << u"whatsapp:"_s << u"to"_s << u"to: no phone number given"_s;
    QTest::newRow("two digits") << u"12"_s << u"to"_s << u"to: too short to be a phone number"_s;
    QTest::newRow("only a plus") << u"+"_s << u"to"_s << u"to: too short to be a phone number"_s;
    QTest::newRow("unknown calling code") << u"+999123456"_s << u"to"_s << u"to: +999 is not a country calling code"_s;
    QTest::newRow("more than 15 digits") << u"+55 2212345678901234"_s << u"to"_s
                                         << u"to: too long to be a phone number"_s;
    QTest::newRow("brazilian number missing digits")
        << u"+55 11 9876"_s << u"to"_s << u"to: too short for a number in Brazil"_s;
    QTest::newRow("brazil with no area code")
        << u"+55 00 98765 4321"_s << u"to"_s << u"to: not a valid number for Brazil"_s;
    QTest::newRow("brazilian 8 digits starting 1 are not an old mobile")
        << u"+55 11 1234 5678"_s << u"to"_s << u"to: not a valid number for Brazil"_s;
    QTest::newRow("old brazilian mobile form needs a real area code")
        << u"+55 20 8765 4321"_s << u"to"_s << u"to: not a valid number for Brazil"_s;
    QTest::newRow("us number with an extra digit")
        << u"+1 415 555 01234"_s << u"to"_s << u"to: too long for a number in United States"_s;
    QTest::newRow("us area code that does not exist")
        << u"+1 099 555 0123"_s << u"to"_s << u"to: not a valid number for United States"_s;
    QTest::newRow("us number without country code reads as switzerland")
        << u"4155550123"_s << u"to"_s << u"to: too short for a number in Switzerland"_s;
    QTest::newRow("plus in the middle") << u"+1+5551234567"_s << u"to"_s
                                        << u"to: '+1+5551234567' has a '+' that is not at the start"_s;
    QTest::newRow("hash sign") << u"+1555123#4567"_s << u"to"_s
                               << u"to: '+1555123#4567' contains '#', which is not part of a phone number"_s;
}

void TestPhone::normalizeRefuses()
{
    QFETCH(QString, input);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const Result<QString> result = Phone::normalize(input, field);
    QVERIFY2(!result.has_value(), qPrintable(result.value_or(QString())));
    QCOMPARE(result.error().kind, Error::Kind::Validation);
    QCOMPARE(result.error().field, field);
    QCOMPARE(result.error().message, reason);
}

void TestPhone::normalizeIsIdempotent_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("fictional nanp") << u"+1 (555) 123-4567"_s;
    QTest::newRow("old brazilian whatsapp id") << u"551187654321"_s;
    QTest::newRow("mexico") << u"+5215512345678"_s;
    QTest::newRow("uk") << u"0044 20 7946 0958"_s;
}

void TestPhone::normalizeIsIdempotent()
{
    QFETCH(QString, input);
    const Result<QString> once = Phone::normalize(input);
    QVERIFY(once.has_value());
    const Result<QString> twice = Phone::normalize(*once);
    QVERIFY(twice.has_value());
    QCOMPARE(*twice, *once);
}

void TestPhone::identityKey_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    // Brazil: WhatsApp ids of older accounts lack the ninth digit.
    QTest::newRow("br mobile with and without the 9") << u"551187654321"_s << u"5511987654321"_s << true;
    QTest::newRow("br mobile, e164 and formatted") << u"+55 11 98765-4321"_s << u"551187654321"_s << true;
    QTest::newRow("br mobile in another area code") << u"+552199887766"_s << u"+55 21 9 9988-7766"_s << true;
    QTest::newRow("br landline is not the mobile with the same 8 digits")
        << u"+551133334444"_s << u"+5511933334444"_s << false;
    QTest::newRow("br same subscriber in another area code") << u"+5511987654321"_s << u"+5521987654321"_s << false;
    QTest::newRow("br two different mobiles") << u"+5511987654321"_s << u"+5511987654322"_s << false;
    // Mexico: the 1 after +52 was dropped in 2019; both spellings still appear.
    QTest::newRow("mx with and without the 1") << u"+5215512345678"_s << u"+525512345678"_s << true;
    QTest::newRow("mx whatsapp id and e164") << u"5215512345678"_s << u"+52 55 1234 5678"_s << true;
    QTest::newRow("mx different numbers") << u"+5215512345678"_s << u"+525512345679"_s << false;
    // Argentina: the 9 after +54 marks a mobile from abroad.
    QTest::newRow("ar with and without the 9") << u"+5491123456789"_s << u"+541123456789"_s << true;
    QTest::newRow("ar different numbers") << u"+5491123456789"_s << u"+541123456788"_s << false;
    // Everywhere else the E.164 digits are the key.
    QTest::newRow("us same number, other spellings") << u"whatsapp:+1 (415) 523-8886"_s << u"14155238886"_s << true;
    QTest::newRow("us different numbers") << u"+14155238886"_s << u"+14155238887"_s << false;
    QTest::newRow("us number is not a 1-less variant") << u"+14155238886"_s << u"+4155238886"_s << false;
    QTest::newRow("uk 00 prefix and plus") << u"0044 20 7946 0958"_s << u"+442079460958"_s << true;
    QTest::newRow("uk different numbers") << u"+442079460958"_s << u"+442079460959"_s << false;
    QTest::newRow("uk mobile with a 9 is not shortened") << u"+447911123456"_s << u"+44711123456"_s << false;
}

void TestPhone::identityKey()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(Phone::identityKey(a) == Phone::identityKey(b), same);
}

void TestPhone::identityKeyValue_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key");
    QTest::newRow("br mobile drops the ninth digit") << u"+55 11 98765-4321"_s << u"551187654321"_s;
    QTest::newRow("br new-range mobile keeps its 9") << u"+5511912345678"_s << u"5511912345678"_s;
    QTest::newRow("br landline unchanged") << u"+55 11 3333-4444"_s << u"551133334444"_s;
    QTest::newRow("mx drops the 1") << u"+5215512345678"_s << u"525512345678"_s;
    QTest::newRow("ar drops the 9") << u"+5491123456789"_s << u"541123456789"_s;
    QTest::newRow("us digits") << u"+1 415-523-8886"_s << u"14155238886"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestPhone::identityKeyValue()
{
    QFETCH(QString, input);
    QFETCH(QString, key);
    QCOMPARE(Phone::identityKey(input), key);
}

void TestPhone::formatInternational_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("brazilian mobile") << u"+5511987654321"_s << u"+55 11 98765-4321"_s;
    QTest::newRow("uk landline") << u"+442079460958"_s << u"+44 20 7946 0958"_s;
    QTest::newRow("us number") << u"+14155238886"_s << u"+1 415-523-8886"_s;
    QTest::newRow("argentinian mobile") << u"+5491123456789"_s << u"+54 9 11 2345-6789"_s;
    QTest::newRow("whatsapp id") << u"5511987654321"_s << u"+55 11 98765-4321"_s;
    QTest::newRow("not a number falls back to the input") << u"abc"_s << u"abc"_s;
    QTest::newRow("unknown calling code falls back to the input") << u"+999123456"_s << u"+999123456"_s;
}

void TestPhone::formatInternational()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Phone::formatInternational(input), expected);
}

void TestPhone::formatAsYouType_data()
{
    QTest::addColumn<QString>("partial");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("just the plus") << u"+"_s << u"+"_s;
    QTest::newRow("calling code only") << u"+1"_s << u"+1"_s;
    QTest::newRow("partial us number") << u"+1415555"_s << u"+1 415-555"_s;
    QTest::newRow("complete us number") << u"+14155550123"_s << u"+1 415-555-0123"_s;
    QTest::newRow("partial brazilian number") << u"+55 11 987"_s << u"+55 11 987"_s;
    QTest::newRow("complete brazilian number") << u"+5511987654321"_s << u"+55 11 98765-4321"_s;
    QTest::newRow("reformats the user's own separators") << u"+44-20-794"_s << u"+44 20 794"_s;
    QTest::newRow("bare digits start with the country code") << u"4420794"_s << u"+44 20 794"_s;
}

void TestPhone::formatAsYouType()
{
    QFETCH(QString, partial);
    QFETCH(QString, expected);
    QCOMPARE(Phone::formatAsYouType(partial), expected);
}

QTEST_GUILESS_MAIN(TestPhone)
#include "TestPhone.moc"
