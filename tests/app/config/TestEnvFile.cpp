#include "app/config/EnvFile.h"

#include <QTemporaryDir>
#include <QTest>

class TestEnvFile : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void problemsNeverRepeatTheLine_data();
    void problemsNeverRepeatTheLine();
    void lastAssignmentWins();
    void readsAFile();
    void missingFileIsAConfigurationError();
};

void TestEnvFile::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QList<int>>("problemLines");

    const QList<int> none;
    QTest::newRow("plain") << QStringLiteral("A=1") << QStringList{QStringLiteral("A")}
                           << QStringList{QStringLiteral("1")} << none;
    QTest::newRow("blank lines and comments")
        << QStringLiteral("\n# a comment\n   # indented comment\nA=1\n\n\t\nB=2\n")
        << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2")} << none;
    QTest::newRow("trailing comment") << QStringLiteral("A=value # the note") << QStringList{QStringLiteral("A")}
                                      << QStringList{QStringLiteral("value")} << none;
    QTest::newRow("hash inside a word is kept")
        << QStringLiteral("A=a#b") << QStringList{QStringLiteral("A")} << QStringList{QStringLiteral("a#b")} << none;
    QTest::newRow("value starting with hash is kept")
        << QStringLiteral("A=#abc") << QStringList{QStringLiteral("A")} << QStringList{QStringLiteral("#abc")} << none;
    QTest::newRow("comment right after equals")
        << QStringLiteral("A= # nothing here") << QStringList{QStringLiteral("A")} << QStringList{QString()} << none;
    QTest::newRow("export prefix") << QStringLiteral("export A=1\nexport\tB=2")
                                   << QStringList{QStringLiteral("A"), QStringLiteral("B")}
                                   << QStringList{QStringLiteral("1"), QStringLiteral("2")} << none;
    QTest::newRow("key named export") << QStringLiteral("export=1") << QStringList{QStringLiteral("export")}
                                      << QStringList{QStringLiteral("1")} << none;
    QTest::newRow("blanks around equals") << QStringLiteral("  A  =  1  ") << QStringList{QStringLiteral("A")}
                                          << QStringList{QStringLiteral("1")} << none;
    QTest::newRow("unquoted value trimmed, inner spaces kept")
        << QStringLiteral("A=   some value   ") << QStringList{QStringLiteral("A")}
        << QStringList{QStringLiteral("some value")} << none;
    QTest::newRow("single quotes are literal")
        << QStringLiteral("A='a\\n #b $c \"d\"'") << QStringList{QStringLiteral("A")}
        << QStringList{QStringLiteral("a\\n #b $c \"d\"")} << none;
    QTest::newRow("double quote escapes")
        << QStringLiteral("A=\"one\\ntwo \\\"q\\\" back\\\\slash\\ttab\"") << QStringList{QStringLiteral("A")}
        << QStringList{QStringLiteral("one\ntwo \"q\" back\\slash\ttab")} << none;
    QTest::newRow("unknown escape kept") << QStringLiteral("A=\"C:\\dir\"") << QStringList{QStringLiteral("A")}
                                         << QStringList{QStringLiteral("C:\\dir")} << none;
    QTest::newRow("hash inside double quotes") << QStringLiteral("A=\"a #b\"") << QStringList{QStringLiteral("A")}
                                               << QStringList{QStringLiteral("a #b")} << none;
    QTest::newRow("quoted value keeps its blanks") << QStringLiteral("A='  x  '") << QStringList{QStringLiteral("A")}
                                                   << QStringList{QStringLiteral("  x  ")} << none;
    QTest::newRow("comment after closing quote")
        << QStringLiteral("A=\"x\"   # note\nB='y' #") << QStringList{QStringLiteral("A"), QStringLiteral("B")}
        << QStringList{QStringLiteral("x"), QStringLiteral("y")} << none;
    QTest::newRow("empty value") << QStringLiteral("A=") << QStringList{QStringLiteral("A")} << QStringList{QString()}
                                 << none;
    QTest::newRow("empty quotes") << QStringLiteral("A=\"\"\nB=''")
                                  << QStringList{QStringLiteral("A"), QStringLiteral("B")}
                                  << QStringList{QString(), QString()} << none;
    QTest::newRow("equals inside the value")
        << QStringLiteral("A=b=c") << QStringList{QStringLiteral("A")} << QStringList{QStringLiteral("b=c")} << none;
    QTest::newRow("CRLF line ends") << QStringLiteral("A=1\r\nB=\"2\"\r\n")
                                    << QStringList{QStringLiteral("A"), QStringLiteral("B")}
                                    << QStringList{QStringLiteral("1"), QStringLiteral("2")} << none;
    QTest::newRow("byte order mark") << (QString(QChar(0xFEFF)) + QStringLiteral("A=1"))
                                     << QStringList{QStringLiteral("A")} << QStringList{QStringLiteral("1")} << none;
    QTest::newRow("lowercase and underscore keys")
        << QStringLiteral("_a_1=x") << QStringList{QStringLiteral("_a_1")} << QStringList{QStringLiteral("x")} << none;

    QTest::newRow("no equals sign") << QStringLiteral("A=1\njust some text\nB=2")
                                    << QStringList{QStringLiteral("A"), QStringLiteral("B")}
                                    << QStringList{QStringLiteral("1"), QStringLiteral("2")} << QList<int>{2};
    QTest::newRow("key starts with a digit")
        << QStringLiteral("1A=x") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("key with a dash") << QStringLiteral("# c\nMY-KEY=x") << QStringList() << QStringList()
                                     << QList<int>{2};
    QTest::newRow("empty key") << QStringLiteral("=x") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("unclosed double quote")
        << QStringLiteral("A=\"abc") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("unclosed single quote")
        << QStringLiteral("A='abc") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("escaped closing quote is not a close")
        << QStringLiteral("A=\"abc\\\"") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("text after closing quote")
        << QStringLiteral("A=\"x\"y") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("export without assignment")
        << QStringLiteral("export A") << QStringList() << QStringList() << QList<int>{1};
    QTest::newRow("several problems, numbered from 1")
        << QStringLiteral("# c\n\nbad line\nA=1\nB=\"open\n\r\nC-D=1\n") << QStringList{QStringLiteral("A")}
        << QStringList{QStringLiteral("1")} << QList<int>{3, 5, 7};
}

void TestEnvFile::parse()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, values);
    QFETCH(QList<int>, problemLines);

    const EnvFile file = EnvFile::parse(text);
    QCOMPARE(file.keys(), keys);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QVERIFY(file.contains(keys.at(i)));
        QCOMPARE(file.value(keys.at(i)), values.at(i));
    }
    QList<int> lines;
    for (const EnvFile::Problem& problem : file.problems()) {
        lines.append(problem.line);
        QVERIFY(!problem.reason.isEmpty());
    }
    QCOMPARE(lines, problemLines);
}

void TestEnvFile::problemsNeverRepeatTheLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("secret");
    const QString secret = QStringLiteral("s3cr3tV4lue");
    QTest::newRow("pasted secret, no key") << secret << secret;
    QTest::newRow("secret as a bad key") << (secret + QStringLiteral("-x=1")) << secret;
    QTest::newRow("unclosed quote") << (QStringLiteral("TWILIO_AUTH_TOKEN=\"") + secret) << secret;
    QTest::newRow("text after quote") << (QStringLiteral("TWILIO_AUTH_TOKEN='a'") + secret) << secret;
}

void TestEnvFile::problemsNeverRepeatTheLine()
{
    QFETCH(QString, line);
    QFETCH(QString, secret);
    const EnvFile file = EnvFile::parse(QStringLiteral("A=1\n") + line + QLatin1Char('\n'));
    QCOMPARE(file.problems().size(), 1);
    QCOMPARE(file.problems().first().line, 2);
    QVERIFY2(!file.problems().first().reason.contains(secret), qPrintable(file.problems().first().reason));
}

void TestEnvFile::lastAssignmentWins()
{
    const EnvFile file = EnvFile::parse(QStringLiteral("A=1\nB=x\nA=2\n"));
    QCOMPARE(file.value(QStringLiteral("A")), QStringLiteral("2"));
    QCOMPARE(file.keys(), (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(file.entries().size(), 3);
    QCOMPARE(file.entries().at(2).line, 3);
    QVERIFY(!file.contains(QStringLiteral("C")));
}

void TestEnvFile::readsAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile out(dir.filePath(QStringLiteral(".env")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("NAME=\"J\xc3\xbcrgen\"\n");
    out.close();
    const Result<EnvFile> file = EnvFile::read(out.fileName());
    QVERIFY(file.has_value());
    QCOMPARE(file->value(QStringLiteral("NAME")), QStringLiteral("J\u00fcrgen"));
}

void TestEnvFile::missingFileIsAConfigurationError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.env"));
    const Result<EnvFile> file = EnvFile::read(path);
    QVERIFY(!file.has_value());
    QCOMPARE(file.error().kind, Error::Kind::Configuration);
    QCOMPARE(file.error().code, QStringLiteral("config.file"));
    QVERIFY(file.error().message.contains(path));
}

QTEST_GUILESS_MAIN(TestEnvFile)
#include "TestEnvFile.moc"
