package org.kpisuite.plan;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A small plan document in the catalog's format (deploy/catalog: items with measures, lettered sub-measures,
 * initiatives that concern items, milestones), imported through the public API.
 */
final class ExecutionFixtures {

    private ExecutionFixtures() {
    }

    /** Imports the document for the plan and fiscal year; the answer of PUT /plans/{code}/document. */
    static ValidatableResponse importDocument(String planCode, int fiscalYear) {
        return given().contentType(ContentType.JSON).body(document(fiscalYear))
                .put("/api/v1/plans/{code}/document", planCode).then();
    }

    /** The id of the plan's measure with this code. */
    static String measureId(String planCode, String code) {
        return given().queryParam("planCode", planCode).queryParam("code", code).get("/api/v1/measures")
                .then().statusCode(200).extract().path("[0].id");
    }

    /** The id of the plan's milestone with this code. */
    static String milestoneId(String planCode, String measureCode, String code) {
        return given().queryParam("planCode", planCode).queryParam("code", measureCode).get("/api/v1/measures")
                .then().statusCode(200).extract().path("[0].milestones.find { it.code == '" + code + "' }.id");
    }

    /**
     * Chapter I with I.1 (an initiative concerning I.1.(1), a measure with two lettered sub-measures, a measure with
     * a milestone due at the year end) and I.2 (one measure owned by digital-talent with a milestone due in
     * September).
     */
    static String document(int fiscalYear) {
        return """
                {"agency":"IPA","fiscalYear":%1$d,"midTermPeriod":"5th (FY2023–FY2027)","midTermFirstYear":2023,
                 "midTermLastYear":2027,"nameJa":"令和%2$d年度計画","nameEn":"IPA plan for FY%1$d",
                 "items":[
                  {"code":"I","nameJa":"国民に対して提供するサービスその他の業務の質の向上","items":[
                    {"code":"I.1","nameJa":"アーキテクチャ設計やデジタル基盤提供の推進","importantInitiative":true,
                     "initiatives":[
                      {"code":"I.1.IMP1","marker":"①","textJa":"設計したアーキテクチャの社会実装に係る支援に重点的に取り組む。",
                       "nameEn":"Social implementation of architectures","department":"architecture",
                       "concerns":["I.1.(1)"],
                       "milestones":[{"code":"I.1.IMP1.M1","nameJa":"検討の開始","nameEn":"Study started",
                                      "due":"%1$d-12-31","dueBasis":"令和%2$d年度中"}]}],
                     "items":[
                      {"code":"I.1.(1)","nameJa":"ビジョンの具体化、アーキテクチャの設計",
                       "measures":[
                        {"code":"I.1.(1).1","marker":"①","textJa":"５領域におけるアーキテクチャ設計を実施する。",
                         "nameEn":"Architecture design in five domains","department":"architecture",
                         "measures":[
                          {"code":"I.1.(1).1.a","marker":"a.","titleJa":"自律移動ロボット関連",
                           "textJa":"自動運転、ドローン等に関する仕様の策定等を実施する。","nameEn":"Autonomous mobile robots",
                           "department":"architecture"},
                          {"code":"I.1.(1).1.b","marker":"b.","titleJa":"空間情報関連",
                           "textJa":"空間情報基盤に関するアーキテクチャについて検討する。","nameEn":"Spatial information",
                           "department":"architecture"}]},
                        {"code":"I.1.(1).2","marker":"②","textJa":"コミュニティ等による検討の推進を支援する。",
                         "nameEn":"Supporting community work","department":"architecture",
                         "milestones":[{"code":"I.1.(1).2.M1","nameJa":"制度の運用開始","due":"%3$d-03-31",
                                        "dueBasis":"令和%2$d年度中"}]}]}]},
                    {"code":"I.2","nameJa":"デジタル人材の育成推進","items":[
                      {"code":"I.2.(3-1)","nameJa":"情報処理技術者試験の実施等",
                       "measures":[
                        {"code":"I.2.(3-1).1","marker":"①","textJa":"春期試験（４月）、秋期試験（１０月）を着実に実施する。",
                         "nameEn":"Hold the spring and autumn examinations","department":"digital-talent",
                         "milestones":[{"code":"I.2.(3-1).1.M1","nameJa":"秋期試験の申込受付開始",
                                        "nameEn":"Autumn applications open","due":"%1$d-08-31","dueBasis":"秋期試験（１０月）"}]}]}]}]}]}
                """.formatted(fiscalYear, fiscalYear - 2018, fiscalYear + 1);
    }
}
