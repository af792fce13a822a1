package org.kpisuite.plan.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@Schema(description = "A whole plan in one document: its attributes and its tree of items. Items are matched to "
        + "stored ones by code; sortOrder is the position among siblings, starting at 1.", example = PlanDocument.EXAMPLE)
@JsonPropertyOrder({ "code", "agency", "fiscalYear", "midTermPeriod", "midTermFirstYear", "midTermLastYear", "nameJa",
        "nameEn", "items" })
public class PlanDocument extends PlanChangeRequest {

    @Schema(description = "Optional; when present it must equal the plan code in the path", example = "IPA-FY2024")
    public String code;

    @Schema(description = "The chapters, in plan order, each with its items below it")
    public List<@Valid @NotNull PlanDocumentItem> items;

    /** An excerpt of the FY2024 plan, as a catalog loader would send it. */
    static final String EXAMPLE = """
            {"code": "IPA-FY2024", "agency": "IPA", "fiscalYear": 2024, "midTermPeriod": "5th (FY2023–FY2027)",
             "midTermFirstYear": 2023, "midTermLastYear": 2027,
             "nameJa": "独立行政法人情報処理推進機構令和６年度計画",
             "nameEn": "Information-technology Promotion Agency, Japan: plan for FY2024",
             "items": [
              {"code": "I", "nameJa": "国民に対して提供するサービスその他の業務の質の向上に関する目標を達成するためとるべき措置",
               "nameEn": "Quality of services to the public", "importantInitiative": false,
               "items": [
                {"code": "I.2", "nameJa": "デジタルトランスフォーメーション（ＤＸ）を担うデジタル人材の育成推進",
                 "nameEn": "Developing digital talent for DX", "importantInitiative": true,
                 "initiatives": [
                  {"code": "I.2.IMP1", "marker": "", "textJa": "デジタル人材の育成を推進する。",
                   "nameEn": "Promote digital talent", "department": "digital-talent", "concerns": ["I.2.(3-1)"]}],
                 "items": [
                  {"code": "I.2.(3)", "nameJa": "国家資格・試験制度を通じたデジタル人材育成推進",
                   "nameEn": "Digital talent through national qualifications and examinations",
                   "items": [
                    {"code": "I.2.(3-1)", "nameJa": "情報処理技術者試験及び情報処理安全確保支援士試験の実施等",
                     "nameEn": "Running the IT Engineers and RISS examinations",
                     "measures": [
                      {"code": "I.2.(3-1).1", "marker": "①",
                       "textJa": "春期試験（４月）、秋期試験（１０月）並びにＣＢＴ方式による試験を着実に実施する。",
                       "nameEn": "Hold the spring (April), autumn (October) and CBT examinations",
                       "department": "digital-talent",
                       "milestones": [
                        {"code": "I.2.(3-1).1.M1", "nameJa": "秋期試験（１０月）", "nameEn": "Autumn examination held",
                         "due": "2024-10-31", "dueBasis": "秋期試験（１０月）"}]}]}]}]}]},
              {"code": "II", "nameJa": "業務運営の効率化に関する目標を達成するためとるべき措置",
               "nameEn": "Operational efficiency"}]}
            """;

    public List<PlanDocumentItem> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }
}
