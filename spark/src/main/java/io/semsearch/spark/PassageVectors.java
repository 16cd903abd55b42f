package io.semsearch.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema {@link SparkEncodeJob} writes and {@link SparkMineJob} reads: one row per
 * passage.
 *
 * <ul>
 *   <li>{@code id} string: the document's id
 *   <li>{@code passage} int: the passage's position in its document, from 0
 *   <li>{@code start}, {@code end} int: the passage's offsets in the document's text (UTF-16 units,
 *       end exclusive)
 *   <li>{@code text} string: the passage
 *   <li>{@code vector} array&lt;float&gt;: its embedding, as the encoder returns it
 * </ul>
 */
public final class PassageVectors {

  /** Column names. */
  public static final String ID = "id";

  public static final String PASSAGE = "passage";
  public static final String START = "start";
  public static final String END = "end";
  public static final String TEXT = "text";
  public static final String VECTOR = "vector";

  /** The schema, columns in the order above, none nullable. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ID, DataTypes.StringType, false)
          .add(PASSAGE, DataTypes.IntegerType, false)
          .add(START, DataTypes.IntegerType, false)
          .add(END, DataTypes.IntegerType, false)
          .add(TEXT, DataTypes.StringType, false)
          .add(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private PassageVectors() {}
}
